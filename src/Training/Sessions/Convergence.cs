namespace OrleansSweep.Training.Sessions;

/// <summary>
/// Whether a trial had stopped improving when its epochs ran out. A loss series has <em>flattened</em> when its last
/// value is not lower than its value <c>window</c> epochs before by more than <c>share</c> of that value; a trial is
/// converged when both its validation and its training loss have flattened. A rising loss (overfitting) counts as
/// flattened: more epochs would not lower it. Unknown (null) with fewer than window + 1 epochs or a non-finite loss
/// among them.
/// </summary>
/// <remarks>
/// Defaults, window 3 and share 1 %: a loss still falling by more than 1 % in three epochs could still move by
/// as much as the sequential-parallel differences the report compares, so the final figure depends on the epoch
/// budget; three epochs smooth out a single noisy epoch while needing only four epochs of history.
/// </remarks>
public static class Convergence
{
    public const int DefaultWindow = 3;
    public const double DefaultShare = 0.01;

    /// <summary>Converged from a trial's history: its validation losses and its training losses (the evaluated ones
    /// where every epoch has them, else the running means).</summary>
    public static bool? IsConverged(IReadOnlyList<EpochMetrics> history, int window = DefaultWindow, double share = DefaultShare) =>
        IsConverged(history.Select(e => e.ValLoss).ToList(),
            history.All(e => double.IsFinite(e.TrainLossEval))
                ? history.Select(e => e.TrainLossEval).ToList()
                : history.Select(e => e.TrainLoss).ToList(),
            window, share);

    /// <summary>
    /// True when both series have flattened, false when either is still falling (even if the other is unknown),
    /// else null.
    /// </summary>
    public static bool? IsConverged(
        IReadOnlyList<double> valLosses, IReadOnlyList<double> trainLosses, int window = DefaultWindow, double share = DefaultShare)
    {
        var val = HasFlattened(valLosses, window, share);
        var train = HasFlattened(trainLosses, window, share);
        return val == false || train == false ? false : val is null || train is null ? null : true;
    }

    /// <summary>One loss series, oldest epoch first: has it stopped falling by more than the share over the window?</summary>
    public static bool? HasFlattened(IReadOnlyList<double> losses, int window = DefaultWindow, double share = DefaultShare)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        if (!(share >= 0)) throw new ArgumentOutOfRangeException(nameof(share), share, "share must be 0 or more");
        if (losses.Count < window + 1) return null;
        var span = losses.Skip(losses.Count - window - 1).ToList();
        if (!span.All(double.IsFinite)) return null;
        var (reference, last) = (span[0], span[^1]);
        // A non-positive loss cannot fall any further (cross-entropy is at least 0).
        return reference <= 0 || reference - last <= share * reference;
    }
}
