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
        var title = $"# Sweep report: {spec.Name}\n\n";
        if (!SweepReport.HasFindings(rows))
            return title + $"No trial has finished with finite losses yet ({Counts(rows)}), so there is nothing to compare: "
                + "this report has no tables and no plots. Run `report` again once trials have completed.\n";
        var samples = spec.Data.Subset is { } subset ? $"{Format.Integer(subset)} (the sweep's subset)" : "the dataset's full training split";
        return title
            + $"{Counts(rows)}. "
            + $"{Format.Integer(rows.Count(r => r.IsAnalysable))} completed with finite losses enter the means, pairs and plots; "
            + "diverged, failed and cancelled trials are counted in the tables but excluded from every mean. "
            + "Losses are those of the final epoch. "
            + $"Q = training samples ({samples}) × classes ({ClassCounts(spec)}) ÷ parameters, in bins "
            + $"{string.Join(", ", QBins.Labels)} (lower edges inclusive).\n";
    }

    /// <summary>"6 trials: 3 queued, 1 running, 2 failed".</summary>
    private static string Counts(IReadOnlyList<ResultRow> rows)
    {
        var counts = Enum.GetValues<TrialStatus>()
            .Select(s => (Status: s, Count: rows.Count(r => r.Status == s)))
            .Where(x => x.Count > 0)
            .Select(x => $"{Format.Integer(x.Count)} {ResultColumns.StatusName(x.Status)}")
            .ToList();
        return $"{Format.Integer(rows.Count)} {(rows.Count == 1 ? "trial" : "trials")}" + (counts.Count > 0 ? ": " + string.Join(", ", counts) : "");
    }

    private static string ClassCounts(SweepSpec spec) =>
        string.Join(", ", spec.Factors.Dataset.Select(d => $"{d.Classes} for {d}"));
}
