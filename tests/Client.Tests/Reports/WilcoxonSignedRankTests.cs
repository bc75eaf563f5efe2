using OrleansSweep.Client.Reports.Statistics;

namespace OrleansSweep.Client.Tests.Reports;

public sealed class WilcoxonSignedRankTests
{
    // R's ?wilcox.test example (Hollander & Wolfe, depression scale before/after):
    // wilcox.test(x, y, paired = TRUE) gives V = 40, p-value = 0.03906 (exactly 20/512: ranks 1..9, P(V >= 40) = 10/512).
    private static readonly double[] X = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30];
    private static readonly double[] Y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];

    [Fact]
    public void Exact_p_matches_R_on_its_documentation_example()
    {
        var result = WilcoxonSignedRank.Test(X.Zip(Y, (x, y) => x - y).ToList());

        Assert.Equal(new WilcoxonResult(9, 40, 20 / 512.0, true), result with { P = Math.Round(result.P, 12) });
    }

    [Fact]
    public void Ties_and_zeros_use_the_normal_approximation_with_tie_and_continuity_correction()
    {
        // By hand: zero dropped, n = 11, ranks of |d| with ties averaged, V = 54; E[V] = 33;
        // Var = 11·12·23/24 − (2³−2 + 2³−2 + 3³−3)/48 = 126.5 − 0.75 = 125.75; z = (54 − 33 − 0.5)/√125.75 = 1.82810;
        // p = 2(1 − Φ(z)). scipy 1.10.1 wilcoxon(d, zero_method="wilcox", correction=True, method="approx")
        // (R's convention) gives p = 0.06753459831355195.
        double[] d = [1.5, -0.5, 2.0, 2.0, -1.0, 3.0, 0.0, 1.0, 2.5, -2.0, 4.0, 0.5];

        var result = WilcoxonSignedRank.Test(d);

        Assert.Equal((11, 54.0, false), (result.N, result.V, result.Exact));
        Assert.Equal(0.06753459831355195, result.P, 12);
    }

    [Fact]
    public void Fifty_or_more_differences_use_the_normal_approximation()
    {
        // No ties; scipy 1.10.1 wilcoxon(d, correction=True, method="approx") gives p = 0.03622649417878663, V = 1200.
        var d = Enumerable.Range(0, 60).Select(i => (i % 7) - 2.6 + 0.01 * i).ToList();

        var result = WilcoxonSignedRank.Test(d);

        Assert.Equal((60, 1200.0, false), (result.N, result.V, result.Exact));
        Assert.Equal(0.03622649417878663, result.P, 12);
    }

    [Fact]
    public void Sign_of_the_differences_does_not_change_the_two_sided_p()
    {
        var d = X.Zip(Y, (x, y) => x - y).ToList();
        Assert.Equal(WilcoxonSignedRank.Test(d).P, WilcoxonSignedRank.Test(d.Select(v => -v).ToList()).P, 12);
        Assert.Equal(5, WilcoxonSignedRank.Test(d.Select(v => -v).ToList()).V);
    }

    [Fact]
    public void All_zero_differences_have_no_p_value()
    {
        var result = WilcoxonSignedRank.Test([0.0, 0.0]);
        Assert.Equal(0, result.N);
        Assert.True(double.IsNaN(result.P));
    }

    [Theory]
    [InlineData(3, -1, 0.0)]
    [InlineData(3, 0, 1 / 8.0)]
    [InlineData(3, 2, 3 / 8.0)] // subsets of {1,2,3} with sum ≤ 2: {}, {1}, {2}
    [InlineData(3, 3, 5 / 8.0)] // … plus {3}, {1,2}
    [InlineData(3, 6, 1.0)]
    [InlineData(9, 5, 10 / 512.0)]
    public void Exact_distribution_counts_subsets_of_ranks(int n, int v, double expected) =>
        Assert.Equal(expected, SignedRankDistribution.Cdf(n, v), 15);
}
