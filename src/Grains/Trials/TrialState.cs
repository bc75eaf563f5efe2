namespace OrleansSweep.Grains.Trials;

/// <summary>
/// A trial's persisted state: what it runs, every attempt and every finished epoch. Weights and
/// optimizer state are not here: they live in checkpoint files, written before this state.
/// </summary>
public sealed class TrialState
{
    public TrialConfig? Config { get; set; }
    public TrialStatus Status { get; set; }

    /// <summary>The newest attempt this trial has accepted; older leases are refused.</summary>
    public int Attempt { get; set; }

    public List<AttemptRecord> Attempts { get; set; } = [];
    public List<EpochReport> History { get; set; } = [];
    public long Parameters { get; set; }

    /// <summary>Set when training ended; <see cref="Committed"/> once the coordinator acknowledged it.</summary>
    public TrialOutcome? Outcome { get; set; }
    public bool Committed { get; set; }
}
