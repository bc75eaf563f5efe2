using System.Globalization;
using OrleansSweep.Training;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Client.Output;

/// <summary>Fixed-width table rows, one per epoch, so they line up under a header printed once.</summary>
public static class EpochRow
{
    /// <summary>"train loss" is the running mean over the epoch's batches; "train eval" the trained model's loss on the
    /// training set, the one to compare with "val loss".</summary>
    public static string Header { get; } = Format("epoch", "train loss", "train eval", "train acc", "val loss", "val acc", "seconds", "samples/s");

    public static string Of(EpochMetrics m) => Format(
        m.Epoch.ToString(CultureInfo.InvariantCulture),
        m.TrainLoss.ToString("F4", CultureInfo.InvariantCulture),
        m.TrainLossEval.ToString("F4", CultureInfo.InvariantCulture),
        m.TrainAccuracy.ToString("P2", CultureInfo.InvariantCulture),
        m.ValLoss.ToString("F4", CultureInfo.InvariantCulture),
        m.ValAccuracy.ToString("P2", CultureInfo.InvariantCulture),
        m.Seconds.ToString("F1", CultureInfo.InvariantCulture),
        m.SamplesPerSecond.ToString("F0", CultureInfo.InvariantCulture));

    private static string Format(params string[] cells) =>
        string.Join("  ", cells.Select((cell, i) => i == 0 ? cell.PadLeft(5) : cell.PadLeft(10)));
}
