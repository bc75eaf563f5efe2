using System.Text.RegularExpressions;
using OrleansSweep.Training.Checkpoints;
using OrleansSweep.Training.Data;
using Spectre.Console.Cli;

namespace OrleansSweep.Client.Cli;

/// <summary>Turns any exception that escapes a command into one stderr line and an exit code.</summary>
public static partial class ErrorReport
{
    public static int Write(Exception exception, IReadOnlyList<string> args)
    {
        var (code, message) = Classify(exception, args);
        Console.Error.WriteLine($"error: {OneLine(message)}");
        return code;
    }

    private static (int Code, string Message) Classify(Exception exception, IReadOnlyList<string> args) => exception switch
    {
        CommandAppException e => (ExitCodes.BadInput, Rephrase(e.Message, args)),
        BadInputException or Grains.ConfigurationError or DataFormatException or CheckpointSpecMismatchException => (ExitCodes.BadInput, exception.Message),
        DatasetFetchException or Sweeps.ClusterUnreachableException or IOException or UnauthorizedAccessException => (ExitCodes.Failure, exception.Message),
        OperationCanceledException => (ExitCodes.Cancelled, "cancelled"),
        _ => (ExitCodes.Failure, $"{exception.GetType().Name}: {exception.Message}"),
    };

    /// <summary>Spectre's parse messages, rewritten to start with the option they are about.</summary>
    private static string Rephrase(string message, IReadOnlyList<string> args)
    {
        if (UnknownOption().Match(message) is { Success: true } unknown)
            return $"--{unknown.Groups["name"].Value}: unknown option";
        if (UnknownCommand().Match(message) is { Success: true } command)
            return $"{command.Groups["name"].Value}: unknown command (see --help)";
        if (NoValueGiven().Match(message) is { Success: true } missing)
            return $"--{missing.Groups["name"].Value}: needs a value";
        if (ConversionFailure().Match(message) is { Success: true } conversion)
            return Conversion(conversion.Groups["value"].Value, conversion.Groups["type"].Value, args);
        if (SwitchGivenValue().IsMatch(message))
            return SwitchWithValue(args);
        return message;
    }

    /// <summary>Spectre reports a failed conversion without the option's name: find it in the arguments.</summary>
    private static string Conversion(string value, string typeName, IReadOnlyList<string> args)
    {
        if (value == MissingValue.Placeholder && args.Count > 0)
            return $"{args[^1]}: needs a value";
        var option = OptionGiven(value, args);
        var type = (option is null ? null : OptionTypes.Of(option)) ?? ClrType(typeName);
        var expected = type is null ? $"a valid {typeName}" : OptionTypes.Expected(type, value);
        return option is null ? $"'{value}' is not {expected}" : $"{option}: '{value}' is not {expected}";
    }

    /// <summary>The option <paramref name="value"/> was given to, as "--name value" or "--name=value".</summary>
    private static string? OptionGiven(string value, IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith('-') && args[i].EndsWith("=" + value, StringComparison.Ordinal))
                return args[i][..args[i].IndexOf('=')];
            if (args[i] == value && i > 0 && args[i - 1].StartsWith('-'))
                return args[i - 1];
        }
        return null;
    }

    /// <summary>Spectre names system types only ("Int32", "Double"); a generic one ("Nullable`1") says nothing.</summary>
    private static Type? ClrType(string name) => Type.GetType($"System.{name}") is { IsGenericTypeDefinition: false } type ? type : null;

    /// <summary>Spectre's "Flags cannot be assigned a value": the switch given as --name=value.</summary>
    private static string SwitchWithValue(IReadOnlyList<string> args) =>
        args.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')
            && OptionTypes.Of(a[..a.IndexOf('=')]) == typeof(bool)) is { } given
            ? $"{given[..given.IndexOf('=')]}: is a switch and takes no value"
            : "a switch takes no value";

    private static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@"^(Unknown|Unexpected) option '(?<name>[^']+)'\.?$")]
    private static partial Regex UnknownOption();

    [GeneratedRegex(@"^Unknown command '(?<name>[^']+)'\.?$")]
    private static partial Regex UnknownCommand();

    [GeneratedRegex(@"^Option '(?<name>[^']+)' is defined but no value has been provided\.?$")]
    private static partial Regex NoValueGiven();

    [GeneratedRegex(@"^Failed to convert '(?<value>.*)' to (?<type>[\w`]+)\.?$")]
    private static partial Regex ConversionFailure();

    [GeneratedRegex(@"^Flags cannot be assigned a value\.?$")]
    private static partial Regex SwitchGivenValue();
}

/// <summary>A user error found while a command runs; the message is "&lt;field or file&gt;: &lt;what is wrong&gt;".</summary>
public sealed class BadInputException(string message) : Exception(message);
