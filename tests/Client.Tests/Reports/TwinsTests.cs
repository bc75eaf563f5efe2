using OrleansSweep.Client.Reports;
using static OrleansSweep.Client.Tests.Results.SweepFixtures;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Client.Tests.Reports;

public sealed class TwinsTests
{
    [Fact]
    public void Only_completed_twins_with_the_same_factors_replicate_and_seed_are_paired()
    {
        var rows = new[]
        {
            Row(0, 0.2, 0.4, seed: 1), Row(1, 0.3, 0.35, architecture: "parallel", seed: 1),            // pair
            Row(2, 0.2, 0.4, seed: 2), WithStatus(Row(3, 0.3, 0.3, architecture: "parallel", seed: 2), TrialStatus.Diverged),
            Row(4, 0.2, 0.4, seed: 3), Row(5, 0.3, 0.3, architecture: "parallel", seed: 4),            // other seed
            Row(6, 0.2, 0.4, dataset: "cifar10", seed: 5), Row(7, 0.3, 0.3, architecture: "parallel", seed: 5), // other dataset
            Row(8, 0.2, 0.4, seed: 6), Row(9, 0.3, 0.3, architecture: "parallel", seed: 6, layers: 4), // other L
            Row(10, 0.3, 0.3, architecture: "staged:2", seed: 1),                                       // not a twin arm
        };

        var pair = Assert.Single(Twins.Pair(rows));

        Assert.Equal((0L, 1L), (pair.Sequential.TrialIndex, pair.Parallel.TrialIndex));
        Assert.Equal(0.35 - 0.4, pair.ValLossDifference, 12);
        Assert.Equal(0.3 - 0.2, pair.TrainLossDifference, 12);
        Assert.True(pair.ParallelWins);
    }

    [Fact]
    public void Every_replicate_of_a_configuration_is_its_own_pair()
    {
        var rows = Enumerable.Range(0, 3).SelectMany(replicate => new[]
        {
            Row(2 * replicate, 0.2, 0.4, seed: 50 + replicate, replicate: replicate),
            Row(2 * replicate + 1, 0.3, 0.3 + 0.01 * replicate, architecture: "parallel", seed: 50 + replicate, replicate: replicate),
        }).ToList();

        var pairs = Twins.Pair(rows);

        Assert.Equal([0, 1, 2], pairs.Select(p => p.Sequential.Replicate));
        Assert.All(pairs, p => Assert.Equal(p.Sequential.Replicate, p.Parallel.Replicate));
        Assert.Equal([-0.1, -0.09, -0.08], pairs.Select(p => Math.Round(p.ValLossDifference, 12)));
    }

    [Fact]
    public void Training_loss_difference_uses_the_evaluated_loss_where_the_trial_has_it()
    {
        var pair = Assert.Single(Twins.Pair(
        [
            Row(0, 0.5, 0.6) with { FinalTrainLossEval = 0.2 },
            Row(1, 0.5, 0.6, architecture: "parallel") with { FinalTrainLossEval = 0.35 },
        ]));

        Assert.Equal(0.15, pair.TrainLossDifference, 12);
    }
}
