using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace OrleansSweep.Client.Reports.Statistics;

/// <summary>
/// Two-sided Wilcoxon signed-rank test on paired differences, as R's <c>wilcox.test(x, y, paired = TRUE)</c>:
/// zero differences are dropped; the p-value is exact for fewer than 50 differences with no ties and no zeros,
/// otherwise from the normal approximation with tie and continuity correction.
/// </summary>
public static class WilcoxonSignedRank
{
    public const int ExactBelow = 50;

    public static WilcoxonResult Test(IReadOnlyList<double> differences)
    {
        var nonZero = differences.Where(d => d != 0).ToArray();
        var n = nonZero.Length;
        if (n == 0) return new WilcoxonResult(0, 0, double.NaN, false);
        var absolute = nonZero.Select(Math.Abs).ToArray();
        var ranks = absolute.Ranks(RankDefinition.Average);
        var v = Enumerable.Range(0, n).Where(i => nonZero[i] > 0).Sum(i => ranks[i]);
        var tieSizes = absolute.GroupBy(a => a).Select(g => (double)g.Count()).ToArray();
        var hasTies = tieSizes.Any(t => t > 1);
        var hasZeros = n < differences.Count;
        return n < ExactBelow && !hasTies && !hasZeros
            ? new WilcoxonResult(n, v, ExactP(v, n), true)
            : new WilcoxonResult(n, v, NormalP(v, n, tieSizes), false);
    }

    private static double ExactP(double v, int n)
    {
        var lowerTail = v > n * (n + 1) / 4.0 ? 1 - SignedRankDistribution.Cdf(n, (int)v - 1) : SignedRankDistribution.Cdf(n, (int)v);
        return Math.Min(1, 2 * lowerTail);
    }

    private static double NormalP(double v, int n, double[] tieSizes)
    {
        var z = v - n * (n + 1) / 4.0;
        var variance = n * (n + 1) * (2.0 * n + 1) / 24 - tieSizes.Sum(t => t * t * t - t) / 48;
        var corrected = (z - 0.5 * Math.Sign(z)) / Math.Sqrt(variance);
        return 2 * Math.Min(Normal.CDF(0, 1, corrected), 1 - Normal.CDF(0, 1, corrected));
    }
}

/// <summary>
/// A Wilcoxon signed-rank test: N non-zero differences, V the sum of the ranks of the positive ones (R's statistic),
/// the two-sided p-value (NaN when N = 0) and whether it comes from the exact null distribution.
/// </summary>
public sealed record WilcoxonResult(int N, double V, double P, bool Exact);
