using MathNet.Numerics.Distributions;
using OrleansSweep.Client.Reports.Statistics;

namespace OrleansSweep.Client.Tests.Reports;

public sealed class BootstrapTests
{
    private static readonly double[] Sample = [0.3, -1.2, 0.8, 2.1, -0.4, 1.7, 0.05, -0.9, 1.1, 0.6];

    [Fact]
    public void Same_seed_gives_the_same_interval_and_another_seed_a_different_one()
    {
        var first = Bootstrap.Percentile(Sample, Bootstrap.Mean, seed: 42, resamples: 2000);
        var again = Bootstrap.Percentile(Sample, Bootstrap.Mean, seed: 42, resamples: 2000);
        var other = Bootstrap.Percentile(Sample, Bootstrap.Mean, seed: 43, resamples: 2000);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.True(first.Contains(Sample.Average()));
        Assert.True(first.Low < first.High);
    }

    [Fact]
    public void A_constant_sample_has_a_degenerate_interval()
    {
        Assert.Equal(new Interval(0.25, 0.25), Bootstrap.Percentile([0.25, 0.25, 0.25], Bootstrap.Median, seed: 1, resamples: 100));
    }

    [Fact]
    public void Mean_interval_covers_the_true_mean_about_95_percent_of_the_time()
    {
        // 400 samples of 40 from N(2, 1); the percentile interval of the mean should cover 2 in ~95% of them
        // (slightly less at this n). The data are seeded, so the test is deterministic.
        var normal = new Normal(2, 1, new Random(2024));
        var covered = Enumerable.Range(0, 400)
            .Count(i => Bootstrap.Percentile(normal.Samples().Take(40).ToArray(), Bootstrap.Mean, seed: i, resamples: 1000).Contains(2));

        Assert.InRange(covered / 400.0, 0.90, 0.98);
    }

    [Fact]
    public void Mean_interval_width_matches_the_normal_theory_for_a_large_sample()
    {
        // For n = 400 from N(0, 1), the 95% interval of the mean is about 2 × 1.96 / √400 = 0.196 wide.
        var sample = new Normal(0, 1, new Random(7)).Samples().Take(400).ToArray();
        var interval = Bootstrap.Percentile(sample, Bootstrap.Mean, seed: 3, resamples: 4000);

        Assert.InRange(interval.High - interval.Low, 0.196 * 0.85, 0.196 * 1.15);
    }

    [Fact]
    public void Empty_sample_is_rejected() =>
        Assert.Throws<ArgumentException>(() => Bootstrap.Percentile([], Bootstrap.Mean, seed: 1));

    [Theory]
    [InlineData(100, 10_000, 10_000)]
    [InlineData(5_000, 10_000, 10_000)]
    [InlineData(20_000, 10_000, 2_500)]
    [InlineData(50_000, 10_000, 1_000)]
    [InlineData(1_000_000, 10_000, 1_000)]
    [InlineData(1_000_000, 200, 200)]
    public void Large_groups_get_fewer_resamples_within_the_draw_budget_but_never_below_the_minimum(int n, int requested, int expected) =>
        Assert.Equal(expected, Bootstrap.ResamplesFor(n, requested));
}
