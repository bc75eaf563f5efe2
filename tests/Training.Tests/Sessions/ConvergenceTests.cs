using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Training.Tests.Sessions;

public sealed class ConvergenceTests
{
    [Theory]
    [InlineData(new[] { 2.0, 1.0, 0.50, 0.497, 0.496, 0.496 }, true)]   // fell 0.8 % of 0.5 over the last 3 epochs
    [InlineData(new[] { 2.0, 1.0, 0.50, 0.490, 0.480, 0.470 }, false)]  // fell 6 %
    [InlineData(new[] { 0.50, 0.49, 0.48, 0.496 }, true)]               // the last 3 epochs: from 0.50 to 0.496 is 0.8 %
    [InlineData(new[] { 0.50, 0.49, 0.48, 0.494 }, false)]              // 1.2 %
    [InlineData(new[] { 0.30, 0.35, 0.40, 0.45 }, true)]                // rising (overfitting) has flattened
    [InlineData(new[] { 0.0, 0.0, 0.0, 0.0 }, true)]                    // nothing left to fall
    public void A_series_has_flattened_when_it_fell_by_at_most_the_share_over_the_window(double[] losses, bool expected) =>
        Assert.Equal(expected, Convergence.HasFlattened(losses));

    [Fact]
    public void The_fall_is_measured_from_the_epoch_window_epochs_before_the_last()
    {
        // Over the last 5 epochs 0.99 → 0.95 (4 %), over the last 2 0.96 → 0.95 (1.04 %), over the last 1 0.955 → 0.95 (0.5 %).
        double[] losses = [1.0, 0.99, 0.98, 0.97, 0.96, 0.955, 0.95];

        Assert.False(Convergence.HasFlattened(losses, window: 5, share: 0.01));
        Assert.False(Convergence.HasFlattened(losses, window: 2, share: 0.01));
        Assert.True(Convergence.HasFlattened(losses, window: 1, share: 0.01));
        Assert.True(Convergence.HasFlattened(losses, window: 5, share: 0.06));
    }

    [Fact]
    public void Too_few_epochs_or_a_non_finite_loss_in_the_window_is_unknown()
    {
        Assert.Null(Convergence.HasFlattened([0.5, 0.5, 0.5]));                      // window 3 needs 4 epochs
        Assert.NotNull(Convergence.HasFlattened([0.5, 0.5, 0.5, 0.5]));
        Assert.Null(Convergence.HasFlattened([0.5, 0.5, double.NaN, 0.5, 0.5]));
        Assert.True(Convergence.HasFlattened([double.NaN, 0.5, 0.5, 0.5, 0.5]));    // before the window: irrelevant
        Assert.Null(Convergence.HasFlattened([]));
    }

    [Fact]
    public void A_trial_is_converged_only_when_both_losses_have_flattened()
    {
        double[] flat = [1.0, 0.8, 0.8, 0.8, 0.8], falling = [1.0, 0.8, 0.7, 0.6, 0.5], short_ = [0.8, 0.8];

        Assert.True(Convergence.IsConverged(flat, flat));
        Assert.False(Convergence.IsConverged(flat, falling));     // training loss still falling
        Assert.False(Convergence.IsConverged(falling, flat));     // validation loss still falling
        Assert.False(Convergence.IsConverged(falling, short_));   // known to be falling, whatever the other says
        Assert.Null(Convergence.IsConverged(flat, short_));
    }

    [Fact]
    public void History_overload_reads_validation_and_training_losses()
    {
        static EpochMetrics Epoch(int epoch, double train, double val) => new(epoch, train, 0.9, val, 0.8, 1, 100);
        var trainStillFalling = new[] { Epoch(1, 1.0, 0.5), Epoch(2, 0.8, 0.5), Epoch(3, 0.6, 0.5), Epoch(4, 0.4, 0.5) };
        var bothFlat = trainStillFalling.Select(e => e with { TrainLoss = 0.4 }).ToList();
        var valStillFalling = bothFlat.Select(e => e with { ValLoss = 1.0 - 0.1 * e.Epoch }).ToList();

        Assert.False(Convergence.IsConverged(trainStillFalling));
        Assert.False(Convergence.IsConverged(valStillFalling));
        Assert.True(Convergence.IsConverged(bothFlat));
        Assert.Null(Convergence.IsConverged(bothFlat.Take(3).ToList()));
    }

    [Fact]
    public void Window_and_share_must_make_sense()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Convergence.HasFlattened([1, 1], window: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Convergence.HasFlattened([1, 1], share: -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Convergence.HasFlattened([1, 1], share: double.NaN));
    }

    [Fact]
    public void Defaults_are_three_epochs_and_one_percent()
    {
        Assert.Equal((3, 0.01), (Convergence.DefaultWindow, Convergence.DefaultShare));
    }
}
