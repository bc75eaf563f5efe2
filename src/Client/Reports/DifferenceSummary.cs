using OrleansSweep.Client.Reports.Statistics;

namespace OrleansSweep.Client.Reports;

/// <summary>Mean and median of paired differences with bootstrap 95% intervals, and the Wilcoxon test on them.</summary>
public sealed record DifferenceSummary(double Mean, Interval MeanInterval, double Median, Interval MedianInterval, WilcoxonResult Wilcoxon)
{
    public static DifferenceSummary Of(IReadOnlyList<double> differences, int seed, int resamples) => new(
        Bootstrap.Mean([.. differences]),
        Bootstrap.Percentile(differences, Bootstrap.Mean, seed, resamples),
        Bootstrap.Median([.. differences]),
        Bootstrap.Percentile(differences, Bootstrap.Median, seed, resamples),
        WilcoxonSignedRank.Test(differences));
}
