using System.Reflection;
using Spectre.Console.Cli;

namespace OrleansSweep.Client.Cli;

/// <summary>
/// Works around Spectre.Console.Cli 0.57 with strict parsing: an option given last without its value receives
/// the internal token "__default_command" instead of a "no value" error. Find such options by name.
/// </summary>
public static class MissingValue
{
    public const string Placeholder = "__default_command";

    /// <summary>"--name" of the first string option of <paramref name="settings"/> that got the placeholder.</summary>
    public static string? FirstOption(CommandSettings settings)
    {
        foreach (var property in settings.GetType().GetProperties())
        {
            if (property.GetCustomAttribute<CommandOptionAttribute>() is not { } option) continue;
            var value = property.GetValue(settings);
            if (value is Placeholder || value is string[] values && values.Contains(Placeholder))
                return "--" + option.LongNames[0];
        }
        return null;
    }
}
