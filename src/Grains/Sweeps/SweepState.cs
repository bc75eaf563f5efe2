namespace OrleansSweep.Grains.Sweeps;

/// <summary>
/// The coordinator's persisted state. Per trial it keeps one status byte and one attempt byte, so a
/// 100,000-trial sweep persists ~270 KB; configurations are never stored (derived from the spec).
/// Everything else is bounded by running trials (leases) or by failures.
/// </summary>
public sealed class SweepState
{
    public SweepSpec? Spec { get; set; }
    public SweepPhase Phase { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public long TrialCount { get; set; }

    /// <summary>One <see cref="TrialStatus"/> byte per trial.</summary>
    public byte[] Statuses { get; set; } = [];

    /// <summary>Leases handed out per trial (the attempt number of the newest one); saturates at 255.</summary>
    public byte[] Attempts { get; set; } = [];

    /// <summary>Trials below the cursor have been claimed at least once.</summary>
    public long Cursor { get; set; }

    /// <summary>Trials handed back, to be claimed again (not before <see cref="RetryEntry.NotBefore"/>).</summary>
    public List<RetryEntry> Retries { get; set; } = [];

    /// <summary>Current leases by trial index.</summary>
    public Dictionary<long, LeaseState> Leases { get; set; } = [];

    /// <summary>Errors thrown per trial (counted against maxAttempts); sparse.</summary>
    public Dictionary<long, int> Failures { get; set; } = [];

    /// <summary>The last error of each trial that ended Failed; sparse.</summary>
    public Dictionary<long, string> Errors { get; set; } = [];

    /// <summary>Running figures per arm (dataset/architecture).</summary>
    public Dictionary<string, ArmStats> Arms { get; set; } = [];

    public long RetryCount { get; set; }
    public long LeaseExpiryCount { get; set; }
}

public sealed record RetryEntry(long Index, DateTimeOffset NotBefore);

public sealed class LeaseState
{
    public int Attempt { get; set; }
    public string Slot { get; set; } = "";
    public string Silo { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int EpochsDone { get; set; }
    public double LastValLoss { get; set; } = double.NaN;
    /// <summary>Set when the sweep asked the trial to stop (pause, cancel): the release then costs no attempt.</summary>
    public bool StopRequested { get; set; }
}

public sealed class ArmStats
{
    public int Finished { get; set; }
    public double BestValLoss { get; set; } = double.PositiveInfinity;
    public long BestTrial { get; set; } = -1;
    /// <summary>Finished trials with a finite best validation loss (the mean's denominator).</summary>
    public int Scored { get; set; }
    public double SumValLoss { get; set; }
}
