using OrleansSweep.Client.Results;
using static OrleansSweep.Client.Tests.Results.SweepFixtures;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Client.Tests.Results;

public sealed class ResultRowsTests
{
    [Fact]
    public void Completed_trial_carries_factors_final_figures_and_Q_from_the_full_split()
    {
        var row = ResultRows.From(Spec(), Completed(5, 0.2, 0.3, parameters: 200_000) with { Interruptions = 2 }, [Epoch(1, 0.5, 0.6, 2.0), Epoch(2, 0.2, 0.3, 3.5)]);

        Assert.Equal((5L, "mnist", "sequential", 2, 8, 3), (row.TrialIndex, row.Dataset, row.Architecture, row.Layers, row.Filters, row.Kernel));
        Assert.Equal((TrialStatus.Completed, 1, 2, 2), (row.Status, row.Attempts, row.Interruptions, row.Epochs));
        Assert.Equal((0.2, 0.3, 0.3), (row.FinalTrainLoss, row.FinalValLoss, row.BestValLoss));
        Assert.Equal(3.0, row.Q); // 60,000 × 10 ÷ 200,000
        Assert.Equal("3-10", row.QBin);
        Assert.Equal(5.5, row.Seconds);
    }

    [Theory]
    [InlineData("mnist", null, 1.0)]
    [InlineData("fashion-mnist", null, 1.0)]
    [InlineData("cifar10", null, 50_000 * 10 / 600_000.0)]
    [InlineData("cifar10", 6_000, 0.1)]
    public void Q_uses_the_subset_or_the_datasets_training_split(string dataset, int? subset, double expected)
    {
        var row = ResultRows.From(Spec(subset), Completed(0, 1, 1, parameters: 600_000, dataset: dataset), null);
        Assert.Equal(expected, row.Q!.Value, 12);
    }

    [Fact]
    public void Queued_trial_has_no_figures_and_no_seconds()
    {
        var queued = new TrialSummary(3, Config(3), TrialStatus.Queued, 0, null);
        var row = ResultRows.From(Spec(), queued, null);

        Assert.Equal(0, row.Epochs);
        Assert.Null(row.FinalValLoss);
        Assert.Null(row.Parameters);
        Assert.Null(row.Q);
        Assert.Null(row.QBin);
        Assert.Null(row.Seconds);
        Assert.Null(row.FinalTrainLossEval);
        Assert.Null(row.Converged);
        Assert.False(row.IsAnalysable);
    }

    [Fact]
    public void Diverged_trial_keeps_its_error_and_turns_non_finite_losses_into_nulls()
    {
        var outcome = new TrialOutcome(TrialStatus.Diverged, 1, Epoch(1, double.NaN, double.PositiveInfinity), double.PositiveInfinity, 1000, "loss is NaN");
        var row = ResultRows.From(Spec(), new TrialSummary(4, Config(4), TrialStatus.Diverged, 1, outcome), []);

        Assert.Null(row.FinalTrainLoss);
        Assert.Null(row.FinalValLoss);
        Assert.Null(row.BestValLoss);
        Assert.Equal(0.9, row.FinalTrainAccuracy);
        Assert.Equal("loss is NaN", row.Error);
        Assert.Null(row.Seconds);
        Assert.False(row.IsAnalysable);
    }
}
