using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Grains.Trials;

/// <summary>
/// A trial's persisted state: what it runs, every attempt and every finished epoch. Weights and
/// optimizer state are not here: they live in checkpoint files, written before this state.
/// Stored as JSON; the Orleans serializer attributes let the activation migrate to a slot's silo.
/// </summary>
[GenerateSerializer, Alias("trial-state")]
public sealed class TrialState
{
    [Id(0)] public TrialConfig? Config { get; set; }
    [Id(1)] public TrialStatus Status { get; set; }

    /// <summary>The newest attempt this trial has accepted; older leases are refused.</summary>
    [Id(2)] public int Attempt { get; set; }

    [Id(3)] public List<AttemptRecord> Attempts { get; set; } = [];
    [Id(4)] public List<EpochMetrics> History { get; set; } = [];
    [Id(5)] public long Parameters { get; set; }

    /// <summary>Set (and written) when training ended, before the commit; <see cref="Committed"/> is kept in memory
    /// once the coordinator acknowledged it (a reactivated trial just commits again and hears AlreadyCommitted).</summary>
    [Id(6)] public TrialOutcome? Outcome { get; set; }
    [Id(7)] public bool Committed { get; set; }
}
