using System.Globalization;

namespace OrleansSweep.Grains.Specs;

/// <summary>
/// The architecture factor's spelling: <c>sequential</c> (L stages of 1 branch), <c>parallel</c> (1 stage of L
/// branches) or <c>staged:d</c> (d stages of L/d branches). Mirrors Training's <c>Architecture.Parse</c>.
/// </summary>
public static class ArchitectureNames
{
    public const string Sequential = "sequential";
    public const string Parallel = "parallel";
    private const string StagedPrefix = "staged:";

    /// <summary>Parses <paramref name="text"/> (any case); on success <paramref name="canonical"/> is lower case
    /// and <paramref name="stages"/> is d for staged:d, null otherwise. On failure returns the reason.</summary>
    public static string? TryParse(string text, out string canonical, out int? stages)
    {
        canonical = text.Trim().ToLowerInvariant();
        stages = null;
        if (canonical is Sequential or Parallel)
            return null;
        if (!canonical.StartsWith(StagedPrefix, StringComparison.Ordinal))
            return $"unknown architecture '{text}' (known: sequential, parallel, staged:d)";
        var digits = canonical[StagedPrefix.Length..];
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var d) || d < 1)
            return $"'{text}': d in staged:d must be a positive integer";
        canonical = StagedPrefix + d.ToString(CultureInfo.InvariantCulture);
        stages = d;
        return null;
    }
}
