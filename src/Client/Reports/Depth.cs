using System.Globalization;
using OrleansSweep.Client.Results;

namespace OrleansSweep.Client.Reports;

/// <summary>
/// The number of sequential stages d of an arrangement of L layers: L for sequential, 1 for parallel, d for staged:d.
/// </summary>
public static class Depth
{
    public const string StagedPrefix = "staged:";

    public static bool IsStaged(string architecture) => architecture.StartsWith(StagedPrefix, StringComparison.Ordinal);

    public static int Of(ResultRow row) => row.Architecture switch
    {
        Twins.Sequential => row.Layers,
        Twins.Parallel => 1,
        var a when IsStaged(a) => int.Parse(a.AsSpan(StagedPrefix.Length), CultureInfo.InvariantCulture),
        var a => throw new ArgumentException($"architecture: unknown architecture '{a}'"),
    };
}
