using System.Globalization;
using System.Reflection;
using Spectre.Console.Cli;

namespace OrleansSweep.Client.Cli;

/// <summary>
/// What each command-line option holds, read from the settings classes by the option's spelling: Spectre's parse
/// errors name the CLR type (often just <c>Nullable`1</c>) but not the option, so messages look the type up here.
/// </summary>
public static class OptionTypes
{
    private static readonly Lazy<ILookup<string, Type>> ByName = new(() => typeof(OptionTypes).Assembly.GetTypes()
        .Where(type => typeof(CommandSettings).IsAssignableFrom(type))
        .SelectMany(type => type.GetProperties())
        .SelectMany(property => property.GetCustomAttribute<CommandOptionAttribute>() is { } option
            ? option.LongNames.Select(name => "--" + name).Concat(option.ShortNames.Select(name => "-" + name))
                .Select(spelling => (Spelling: spelling, Type: Underlying(property.PropertyType)))
            : [])
        .Distinct()
        .ToLookup(option => option.Spelling, option => option.Type));

    /// <summary>The value type of <paramref name="option"/> ("--subset" → int), or null when unknown or not one type.</summary>
    public static Type? Of(string option) => ByName.Value[option].ToList() is [var only] ? only : null;

    /// <summary>"an integer", "a number"…: what a value of <paramref name="type"/> must be, for "'x' is not …".</summary>
    public static string Expected(Type type, string value) => Underlying(type) switch
    {
        var t when t == typeof(int) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) =>
            $"an integer from {int.MinValue} to {int.MaxValue}",
        var t when t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte) => "an integer",
        var t when t == typeof(double) || t == typeof(float) || t == typeof(decimal) => "a number",
        var t when t == typeof(bool) => "true or false",
        var t when t.IsEnum => $"one of {string.Join('|', Enum.GetNames(t).Select(n => n.ToLowerInvariant()))}",
        var t => $"a valid {t.Name}",
    };

    /// <summary>int for int?, int[] and int: the type one value on the command line must convert to.</summary>
    private static Type Underlying(Type type) =>
        Nullable.GetUnderlyingType(type) ?? (type.IsArray ? Underlying(type.GetElementType()!) : type);
}
