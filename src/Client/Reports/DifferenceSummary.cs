using OrleansSweep.Client.Reports.Statistics;

namespace OrleansSweep.Client.Reports;

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
