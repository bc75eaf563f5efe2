using OrleansSweep.Training;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Client.Output;

/// <summary>
/// One line of `train --json`. Status is "epoch" for a finished epoch; the final line carries the run's
/// status (completed | diverged | cancelled) and the last epoch's metrics (null when no epoch finished). Device is
/// where the epoch trained (cpu, cuda:0 …).
/// </summary>
public sealed record EpochLine(
    int Epoch, double? TrainLoss, double? TrainAccuracy, double? ValLoss, double? ValAccuracy,
    double? Seconds, double? SamplesPerSecond, double? TrainLossEval, double? TrainAccuracyEval, string? Device, long Parameters, string Status)
{
    public const string EpochStatus = "epoch";

    public static EpochLine Of(EpochMetrics? m, long parameters, string status) => m is null
        ? new EpochLine(0, null, null, null, null, null, null, null, null, null, parameters, status)
        : new EpochLine(m.Epoch, m.TrainLoss, m.TrainAccuracy, m.ValLoss, m.ValAccuracy, m.Seconds, m.SamplesPerSecond,
            m.TrainLossEval, m.TrainAccuracyEval, m.Device, parameters, status);
}
