using OrleansSweep.Client.Reports;
using static OrleansSweep.Client.Tests.Results.SweepFixtures;

namespace OrleansSweep.Client.Tests.Reports;

public sealed class PairedComparisonTests
{
    // Three mnist pairs (val differences −0.1, −0.2, +0.05) in Q bin 1-3, one cifar10 pair (+0.3) in bin 0-1.
    private static readonly IReadOnlyList<TwinPair> Pairs = Twins.Pair(
    [
        Row(0, 0.2, 0.5, seed: 1), Row(1, 0.25, 0.4, architecture: "parallel", seed: 1),
        Row(2, 0.2, 0.6, seed: 2), Row(3, 0.1, 0.4, architecture: "parallel", seed: 2),
        Row(4, 0.2, 0.3, seed: 3), Row(5, 0.2, 0.35, architecture: "parallel", seed: 3),
        Row(6, 1.0, 1.2, parameters: 1_000_000, dataset: "cifar10", seed: 4),
        Row(7, 1.1, 1.5, parameters: 1_000_000, dataset: "cifar10", architecture: "parallel", seed: 4),
    ]);

    [Fact]
    public void Breakdown_is_overall_then_by_dataset_then_by_Q_bin()
    {
        var groups = PairedComparison.Breakdown(Pairs, seed: 1, resamples: 500);

        Assert.Equal(["all", "dataset cifar10", "dataset mnist", "Q 0-1", "Q 1-3"], groups.Select(g => g.Group));
        Assert.Equal([4, 1, 3, 1, 3], groups.Select(g => g.Pairs));
        Assert.Equal([2 / 4.0, 0, 2 / 3.0, 0, 2 / 3.0], groups.Select(g => g.ParallelWinShare));
    }

    [Fact]
    public void Mnist_differences_match_the_hand_computed_mean_median_and_test()
    {
        var mnist = PairedComparison.Breakdown(Pairs, seed: 1, resamples: 500).Single(g => g.Group == "dataset mnist");

        Assert.Equal((-0.1 - 0.2 + 0.05) / 3, mnist.ValLoss.Mean, 12);
        Assert.Equal(-0.1, mnist.ValLoss.Median, 12);
        Assert.Equal((0.05 - 0.1 + 0.0) / 3, mnist.TrainLoss.Mean, 12);
        Assert.True(mnist.ValLoss.MeanInterval.Contains(mnist.ValLoss.Mean));
        // A resample's mean lies within the sample's range [−0.2, 0.05].
        Assert.InRange(mnist.ValLoss.MeanInterval.Low, -0.2 - 1e-12, 0.05 + 1e-12);
        Assert.InRange(mnist.ValLoss.MeanInterval.High, -0.2 - 1e-12, 0.05 + 1e-12);
        // |d| = 0.1, 0.2, 0.05 → ranks 2, 3, 1; V = 1 (only +0.05); exact two-sided p = 2 × P(V ≤ 1) = 2 × 2/8.
        Assert.Equal((3, 1.0, 0.5, true), (mnist.ValLoss.Wilcoxon.N, mnist.ValLoss.Wilcoxon.V, mnist.ValLoss.Wilcoxon.P, mnist.ValLoss.Wilcoxon.Exact));
    }

    [Fact]
    public void No_pairs_give_no_groups() => Assert.Empty(PairedComparison.Breakdown([], seed: 1, resamples: 10));
}
