using System.Globalization;

namespace OrleansSweep.Grains.Specs;

/// <summary>
/// What a spec may hold. A real spec is a few hundred bytes with a handful of values per factor; the limits keep a
/// wrong or hostile file (a generated list, a YAML bomb, a device file) from holding the CLI for minutes.
/// </summary>
public static class SpecLimits
{
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Values in one list (a factor's values): the grid multiplies them, so more is never a useful sweep.</summary>
    public const int MaxListValues = 10_000;

    /// <summary>Mappings and lists inside each other: a spec needs 3 (data.dirs.x); YamlDotNet loads nodes recursively.</summary>
    public const int MaxDepth = 32;

    /// <summary>"5.2 MB is over the 1 MB limit", or null when <paramref name="bytes"/> is within it.</summary>
    public static string? SizeError(long bytes) =>
        bytes <= MaxBytes ? null
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)MaxBytes:0.0} MB is over the {MaxBytes / (1024 * 1024)} MB limit");

    public static string ListError(int count) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} values is over the limit of {MaxListValues:N0} per list");
}
