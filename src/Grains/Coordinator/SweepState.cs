namespace OrleansSweep.Grains.Coordinator;

/// <summary>
/// The coordinator's main persisted state, written on every acknowledged call, so it is kept small: its
/// size is bounded by running trials (leases), retries, failures and the journal of recently finished
/// trials, never by the sweep's size. Per-trial statuses live in <see cref="SweepTrialsState"/> and outcomes in
/// <see cref="ResultPages"/>, written only when the journals are folded into them. Configurations are never stored
/// (derived from the spec).
/// </summary>
public sealed class SweepState
{
    public SweepSpec? Spec { get; set; }
    public SweepPhase Phase { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public long TrialCount { get; set; }

    /// <summary>Trials that ended since the last fold into <see cref="SweepTrialsState"/>, oldest first.</summary>
    public List<FinishedTrial> Finished { get; set; } = [];

    /// <summary>Trials below the cursor have been claimed at least once.</summary>
    public long Cursor { get; set; }

    /// <summary>Trials handed back, to be claimed again (not before <see cref="RetryEntry.NotBefore"/>).</summary>
    public List<RetryEntry> Retries { get; set; } = [];

    /// <summary>Current leases by trial index.</summary>
    public Dictionary<long, LeaseState> Leases { get; set; } = [];

    /// <summary>Errors thrown by training per trial (failures, counted against maxAttempts); sparse.</summary>
    public Dictionary<long, int> Failures { get; set; } = [];

    /// <summary>Outcomes committed (or failures decided) since the last write of their result pages, oldest first.</summary>
    public List<PendingResult> Results { get; set; } = [];

    /// <summary>Running figures per arm (dataset/architecture).</summary>
    public Dictionary<string, ArmStats> Arms { get; set; } = [];

    /// <summary>Failures queued again (sweep total).</summary>
    public long RetryCount { get; set; }

    /// <summary>Leases that expired, without heartbeats or with their silo dead (sweep total; also interruptions).</summary>
    public long LeaseExpiryCount { get; set; }

    /// <summary>Leases that ended without their trial failing or finishing (sweep total; <see cref="SweepLedger"/>).</summary>
    public long InterruptionCount { get; set; }
}

public sealed record RetryEntry(long Index, DateTimeOffset NotBefore, int Attempt);

/// <summary>A trial's terminal status and its lease count (named Attempts in stored state), journalled until the next fold.</summary>
public sealed record FinishedTrial(long Index, TrialStatus Status, int Attempts);

/// <summary>
/// One status byte, one lease-count byte and one epoch-raise byte per trial (~4 bytes a trial as JSON): a snapshot in which only
/// terminal statuses count; queued and running trials are derived from the main state's cursor, retries
/// and leases when the coordinator loads (see <see cref="SweepLedger.Load"/>).
/// </summary>
public sealed class SweepTrialsState
{
    public byte[] Statuses { get; set; } = [];

    /// <summary>Lease counts (<see cref="SweepLedger.LeaseCounts"/>), stored under this name.</summary>
    public byte[] Attempts { get; set; } = [];

    /// <summary>Epoch raises that reopened each trial (<see cref="SweepLedger.Extensions"/>).</summary>
    public byte[] Extensions { get; set; } = [];
}

public sealed class LeaseState
{
    public int Attempt { get; set; }
    public string Slot { get; set; } = "";
    public string Silo { get; set; } = "";
    /// <summary>The device of the slot that claimed (cpu, cuda:0 …); null in leases from before it was kept.</summary>
    public string? Device { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>The slot's id for the claim that granted this lease: a retry of that claim gets this lease again.</summary>
    public Guid? Claim { get; set; }
    /// <summary>Claimed ahead by a slot still busy, not seen training yet: shown as claimed, not running. Cleared by the
    /// trial's first epoch report, or when the slot's other lease in this sweep ends (the slot has moved on to it).</summary>
    public bool Ahead { get; set; }
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
