namespace OrleansSweep.Client.Reports.Statistics;

/// <summary>
/// A Wilcoxon signed-rank test: N non-zero differences, V the sum of the ranks of the positive ones (R's statistic),
/// the two-sided p-value (NaN when N = 0) and whether it comes from the exact null distribution.
/// </summary>
public sealed record WilcoxonResult(int N, double V, double P, bool Exact);
