using System.Globalization;

namespace OrleansSweep.Client.Reports.Markdown;

/// <summary>The paired analysis of twins: differences parallel − sequential, so negative favours parallel.</summary>
public static class PairedSection
{
    public static string Render(IReadOnlyList<PairedComparison> comparisons, int resamples, int seed, string? plot)
    {
        var header = "## Paired analysis: parallel − sequential\n\n";
        if (comparisons.Count == 0)
            return header + "No twin pairs: no configuration has both its sequential and parallel trial completed.\n";
        return header
            + "Twins share every factor, the replicate and the seed, and differ only in the architecture; only pairs "
            + "where both completed count. Differences are in final loss, parallel − sequential (negative: parallel "
            + "lower); the training loss is the one of the table above. Every replicate of a configuration is a pair of "
            + $"its own. Intervals: 95% percentile bootstrap, {Resamples(comparisons, resamples)}, "
            + $"seed {seed.ToString(CultureInfo.InvariantCulture)}. Wilcoxon: two-sided signed-rank, exact below 50 pairs "
            + "without ties or zeros, else normal approximation with tie and continuity correction. "
            + "\"parallel wins\": share of pairs with lower parallel validation loss.\n\n"
            + MarkdownTable.Render(
                ["group", "pairs", "parallel wins", "val Δ mean [95% CI]", "val Δ median [95% CI]", "val Wilcoxon p",
                    "train Δ mean [95% CI]", "train Δ median [95% CI]", "train Wilcoxon p"],
                comparisons.Select(c => (IReadOnlyList<string>)
                [
                    c.Group, Format.Integer(c.Pairs), Format.Share(c.ParallelWinShare),
                    Format.WithInterval(c.ValLoss.Mean, c.ValLoss.MeanInterval),
                    Format.WithInterval(c.ValLoss.Median, c.ValLoss.MedianInterval), Format.P(c.ValLoss.Wilcoxon),
                    Format.WithInterval(c.TrainLoss.Mean, c.TrainLoss.MeanInterval),
                    Format.WithInterval(c.TrainLoss.Median, c.TrainLoss.MedianInterval), Format.P(c.TrainLoss.Wilcoxon),
                ]))
            + (plot is null ? "" : $"\n![Validation loss per twin pair]({plot})\n");
    }

    /// <summary>"10000 resamples", and which large groups got fewer (the work per interval is capped: Bootstrap.ResamplesFor).</summary>
    private static string Resamples(IReadOnlyList<PairedComparison> comparisons, int requested)
    {
        var fewer = comparisons.Where(c => c.ValLoss.Resamples < requested).ToList();
        var text = $"{Format.Integer(requested)} resamples";
        return fewer.Count == 0 ? text
            : text + " (" + string.Join(", ", fewer.Select(c => $"{Format.Integer(c.ValLoss.Resamples)} for {c.Group}"))
                + $": an interval resamples at most {Format.Integer(Statistics.Bootstrap.DrawBudget)} values)";
    }
}
