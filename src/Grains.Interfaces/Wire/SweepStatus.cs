namespace OrleansSweep.Wire;

/// <summary>The sweep as a whole. Persisted: never renumber.</summary>
[GenerateSerializer, Alias("sweep-phase")]
public enum SweepPhase { NotStarted = 0, Running = 1, Paused = 2, Cancelled = 3, Completed = 4 }

/// <summary>
/// What <c>Start</c> did. Refused: <see cref="Error"/> says why and <see cref="Field"/> names the spec field at fault
/// (<c>name</c>: another spec holds it; <c>epochs</c>: lowered, or raised before the sweep completed). A spec that only
/// raises a completed sweep's epochs is accepted and <see cref="Reopened"/> completed trials train on.
/// </summary>
[GenerateSerializer, Immutable, Alias("sweep-start-reply")]
public sealed record SweepStartReply(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] bool AlreadyStarted,
    [property: Id(2)] long Trials,
    [property: Id(3)] string? Error,
    [property: Id(4)] string? Field = null,
    [property: Id(5)] long Reopened = 0);

/// <summary>Best and mean validation loss of one arm (dataset/architecture).</summary>
[GenerateSerializer, Immutable, Alias("arm-summary")]
public sealed record ArmSummary(
    [property: Id(0)] string Arm,
    [property: Id(1)] int Finished,
    [property: Id(2)] double BestValLoss,
    [property: Id(3)] long BestTrial,
    [property: Id(4)] double MeanValLoss);

/// <summary>
/// A trial holding a lease as the coordinator sees it; <see cref="Device"/> is where it trains (its slot's device).
/// <see cref="Claimed"/>: claimed ahead by a slot still busy with its previous trial, so not training yet.
/// </summary>
[GenerateSerializer, Immutable, Alias("running-trial")]
public sealed record RunningTrial(
    [property: Id(0)] long TrialIndex,
    [property: Id(1)] int Attempt,
    [property: Id(2)] string Slot,
    [property: Id(3)] int EpochsDone,
    [property: Id(4)] double LastValLoss,
    [property: Id(5)] string? Device = null,
    [property: Id(6)] bool Claimed = false);

[GenerateSerializer, Immutable, Alias("sweep-status")]
public sealed record SweepStatus(
    [property: Id(0)] string SweepId,
    [property: Id(1)] SweepPhase Phase,
    [property: Id(2)] long Trials,
    [property: Id(3)] IReadOnlyDictionary<TrialStatus, long> Counts,
    [property: Id(4)] double Progress,
    [property: Id(5)] double TrialsPerHour,   // 0 while not yet measured (too few finished, too early)
    [property: Id(6)] TimeSpan? Eta,
    [property: Id(7)] IReadOnlyList<ArmSummary> Arms,
    [property: Id(8)] IReadOnlyList<RunningTrial> Running,   // every lease: training, or claimed ahead (Claimed)
    [property: Id(9)] long Retries,                 // failures queued again
    [property: Id(10)] long LeaseExpiries,          // interruptions by a lease expiry (no heartbeat, dead silo)
    [property: Id(11)] string CoordinatorSilo,
    [property: Id(12)] long Interruptions = 0,      // leases that ended without the trial failing or finishing
    [property: Id(13)] long Claimed = 0);           // leases claimed ahead, not training yet (not in Counts[Running])

/// <summary>A sweep in the registry: its phase and size.</summary>
[GenerateSerializer, Immutable, Alias("sweep-entry")]
public sealed record SweepEntry(
    [property: Id(0)] string SweepId,
    [property: Id(1)] SweepPhase Phase,
    [property: Id(2)] long Trials,
    [property: Id(3)] DateTimeOffset CreatedAt);
