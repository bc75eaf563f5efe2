namespace OrleansSweep.Grains.Metrics;

/// <summary>Histogram bucket boundaries, chosen for the range each quantity really spans.</summary>
public static class Buckets
{
    /// <summary>Epochs take from a tenth of a second (small CPU nets, subsets) to an hour (big nets, full data).</summary>
    public static readonly double[] EpochSeconds = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600];

    /// <summary>A claim waits for one group-committed state write: milliseconds, seconds when storage struggles.</summary>
    public static readonly double[] ClaimSeconds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    /// <summary>How long a free slot waits for work: a poll interval when sweeps have work, up to hours when idle.</summary>
    public static readonly double[] WaitSeconds = [0.01, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600];

    public static readonly double[] CheckpointSeconds = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    /// <summary>Checkpoints hold weights and optimizer state: kilobytes (simulated) to gigabytes.</summary>
    public static readonly double[] CheckpointBytes = [1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

    /// <summary>Cross-entropy over ten classes: ln 10 ≈ 2.3 is chance; good nets reach 0.05 or less.</summary>
    public static readonly double[] Loss = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 2.5, 5];
}
