using System.Reflection;

namespace OrleansSweep.Grains.Specs;

/// <summary>
/// The specs shipped with the product (presets/*.yaml at the repository root), embedded in this assembly as
/// resources named "presets/NAME.yaml" so every binary that references Grains carries them.
/// </summary>
public static class Presets
{
    private const string Prefix = "presets/";
    private const string Suffix = ".yaml";
    private static readonly Assembly Assembly = typeof(Presets).Assembly;

    public static IReadOnlyList<string> Names { get; } =
        Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(Suffix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..^Suffix.Length])
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The YAML of preset <paramref name="name"/>, or null when there is none.</summary>
    public static string? Read(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(Prefix + name + Suffix);
        if (stream is null)
            return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
