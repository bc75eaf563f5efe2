using OrleansSweep.Client.Results;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Client.Reports;

/// <summary>
/// Loss against depth d at fixed parameters: every arrangement of the same L layers (sequential, staged:d, parallel)
/// has the same parameters, so within one dataset and L only d varies. Empty unless the sweep has a staged:d arm.
/// </summary>
public static class DepthTable
{
    public static IReadOnlyList<DepthCell> Build(IReadOnlyList<ResultRow> rows)
    {
        if (!rows.Any(r => Depth.IsStaged(r.Architecture))) return [];
        return rows.Where(r => r.IsAnalysable)
            .GroupBy(r => (r.Dataset, r.Layers, Depth: Depth.Of(r)))
            .OrderBy(g => g.Key.Dataset, StringComparer.Ordinal).ThenBy(g => g.Key.Layers).ThenBy(g => g.Key.Depth)
            .Select(g => new DepthCell(g.Key.Dataset, g.Key.Layers, g.Key.Depth, g.Count(),
                g.Average(r => r.FinalValLoss!.Value), g.Average(TrainingLoss.Of)))
            .ToList();
    }
}

/// <summary>Mean final losses of the analysable trials with L layers arranged in d stages, on one dataset.</summary>
public sealed record DepthCell(string Dataset, int Layers, int Depth, int Trials, double MeanValLoss, double MeanTrainLoss);

/// <summary>
/// The number of sequential stages d of an arrangement of L layers: L for sequential, 1 for parallel, d for staged:d.
/// </summary>
public static class Depth
{
    public static bool IsStaged(string architecture) => Architecture.Parse(architecture).Kind == ArchitectureKind.Staged;

    public static int Of(ResultRow row) => Architecture.Parse(row.Architecture).StagesFor(row.Layers);
}
