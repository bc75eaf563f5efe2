using OrleansSweep.Client.Results;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Client.Reports.Markdown;

/// <summary>The report's title and what it counts: trials by status, and which of them enter the statistics.</summary>
public static class OverviewSection
{
    public static string Render(SweepSpec spec, IReadOnlyList<ResultRow> rows)
    {
        var counts = Enum.GetValues<TrialStatus>()
            .Select(s => (Status: s, Count: rows.Count(r => r.Status == s)))
            .Where(x => x.Count > 0)
            .Select(x => $"{Format.Integer(x.Count)} {ResultColumns.StatusName(x.Status)}");
        var samples = spec.Data.Subset is { } subset ? $"{Format.Integer(subset)} (the sweep's subset)" : "the dataset's full training split";
        return $"# Sweep report: {spec.Name}\n\n"
            + $"{Format.Integer(rows.Count)} trials: {string.Join(", ", counts)}. "
            + $"{Format.Integer(rows.Count(r => r.IsAnalysable))} completed with finite losses enter the means, pairs and plots; "
            + "diverged, failed and cancelled trials are counted in the tables but excluded from every mean. "
            + "Losses are those of the final epoch. "
            + $"Q = training samples ({samples}) × classes ({ClassCounts(spec)}) ÷ parameters.\n";
    
    }

    private static string ClassCounts(SweepSpec spec) =>
        string.Join(", ", spec.Factors.Dataset.Select(d => $"{d.Classes} for {d}"));
}
