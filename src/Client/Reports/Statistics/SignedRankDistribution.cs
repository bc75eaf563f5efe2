namespace OrleansSweep.Client.Reports.Statistics;

/// <summary>
/// The exact null distribution of the signed-rank statistic V for n differences: each rank 1..n is positive with
/// probability ½, so P(V = s) is the number of subsets of {1..n} summing to s, divided by 2^n.
/// </summary>
public static class SignedRankDistribution
{
    /// <summary>P(V ≤ v).</summary>
    public static double Cdf(int n, int v)
    {
        if (v < 0) return 0;
        var max = n * (n + 1) / 2;
        if (v >= max) return 1;
        var counts = SubsetSumCounts(n);
        return counts.Take(v + 1).Sum() / Math.Pow(2, n);
    }

    // counts[s] = number of subsets of {1..n} with sum s; doubles are exact up to 2^53, beyond what n < 50 needs.
    private static double[] SubsetSumCounts(int n)
    {
        var counts = new double[n * (n + 1) / 2 + 1];
        counts[0] = 1;
        for (var k = 1; k <= n; k++)
            for (var s = counts.Length - 1; s >= k; s--)
                counts[s] += counts[s - k];
        return counts;
    }
}
