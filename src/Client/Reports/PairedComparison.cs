using OrleansSweep.Client.Reports.Statistics;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Client.Reports;

/// <summary>
/// Parallel against sequential over one group of twin pairs (all of them, one dataset, or one Q bin):
/// differences in final validation and training loss, and the share of pairs where parallel's validation loss is lower.
/// </summary>
public sealed record PairedComparison(string Group, int Pairs, DifferenceSummary ValLoss, DifferenceSummary TrainLoss, double ParallelWinShare)
{
    public static PairedComparison Of(string group, IReadOnlyList<TwinPair> pairs, int seed, int resamples) => new(
        group,
        pairs.Count,
        DifferenceSummary.Of(pairs.Select(p => p.ValLossDifference).ToList(), seed, resamples),
        DifferenceSummary.Of(pairs.Select(p => p.TrainLossDifference).ToList(), seed, resamples),
        (double)pairs.Count(p => p.ParallelWins) / pairs.Count);

    /// <summary>Overall, then by dataset, then by Q bin (of the pair: twins have the same parameters); empty groups skipped.</summary>
    public static IReadOnlyList<PairedComparison> Breakdown(IReadOnlyList<TwinPair> pairs, int seed, int resamples)
    {
        if (pairs.Count == 0) return [];
        var byDataset = pairs.GroupBy(p => p.Sequential.Dataset).OrderBy(g => g.Key)
            .Select(g => Of($"dataset {g.Key}", g.ToList(), seed, resamples));
        var byBin = QBins.Labels
            .Select(bin => (bin, pairs: pairs.Where(p => p.Sequential.QBin == bin).ToList()))
            .Where(x => x.pairs.Count > 0)
            .Select(x => Of($"Q {x.bin}", x.pairs, seed, resamples));
        return [Of("all", pairs, seed, resamples), .. byDataset, .. byBin];
    }
}

/// <summary>
/// Mean and median of paired differences with bootstrap 95% intervals (<see cref="Resamples"/> resamples: the requested
/// number, fewer for large groups, see <see cref="Bootstrap.ResamplesFor"/>), and the Wilcoxon test on them.
/// </summary>
public sealed record DifferenceSummary(
    double Mean, Interval MeanInterval, double Median, Interval MedianInterval, WilcoxonResult Wilcoxon, int Resamples)
{
    public static DifferenceSummary Of(IReadOnlyList<double> differences, int seed, int resamples)
    {
        var used = Bootstrap.ResamplesFor(differences.Count, resamples);
        return new(
            Bootstrap.Mean([.. differences]),
            Bootstrap.Percentile(differences, Bootstrap.Mean, seed, used),
            Bootstrap.Median([.. differences]),
            Bootstrap.Percentile(differences, Bootstrap.Median, seed, used),
            WilcoxonSignedRank.Test(differences),
            used);
    }
}
