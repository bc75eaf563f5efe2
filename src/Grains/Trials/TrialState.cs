namespace OrleansSweep.Grains.Trials;

/// <summary>
/// A trial's persisted state: every attempt and every finished epoch. Not here: its configuration (every lease
/// carries it, derived from the spec), its weights and optimizer state (checkpoint files, written before this state).
/// Stored as JSON; the Orleans serializer attributes let the activation migrate to a slot's silo.
/// </summary>
[GenerateSerializer, Alias("trial-state")]
public sealed class TrialState
{
    [Id(0)] public TrialStatus Status { get; set; }

    /// <summary>The newest attempt this trial has accepted; older leases are refused.</summary>
    [Id(1)] public int Attempt { get; set; }

    [Id(2)] public List<AttemptRecord> Attempts { get; set; } = [];
    [Id(3)] public List<EpochMetrics> History { get; set; } = [];
    [Id(4)] public long Parameters { get; set; }

    /// <summary>Set (and written) when training ended, before the commit; <see cref="Committed"/> is kept in memory
    /// once the coordinator acknowledged it (a reactivated trial just commits again and hears AlreadyCommitted).</summary>
    [Id(5)] public TrialOutcome? Outcome { get; set; }
    [Id(6)] public bool Committed { get; set; }
}
