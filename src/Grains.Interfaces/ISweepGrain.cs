using OrleansSweep.Wire;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Interfaces;

/// <summary>
/// The coordinator of one sweep (key: the sweep id, which is the spec's name). It derives trials
/// from the spec lazily, hands out leases to slots that pull work, and commits each trial's result
/// exactly once. State is persisted with group commit: every acknowledged call is durable.
/// </summary>
[Alias("sweep")]
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>Starts the sweep. Idempotent for the same spec; a spec that only raises a completed sweep's epochs makes
    /// its completed trials train on; any other spec under the same id is refused.</summary>
    [Alias("start")] Task<SweepStartReply> Start(SweepSpec spec);

    [Alias("status")] Task<SweepStatus> GetStatus();

    /// <summary>The spec the sweep was started with; null before Start.</summary>
    [Alias("spec")] Task<SweepSpec?> GetSpec();

    /// <summary>A free slot asks for work. Null when nothing is claimable now.</summary>
    [Alias("claim")] Task<TrialLease?> Claim(SlotRef slot);

    /// <summary>
    /// A slot asks for work, naming the request: asked again with the same <paramref name="claim"/> (its reply was
    /// lost), the coordinator answers with the lease it granted then, so no lease is held by nobody.
    /// <paramref name="ahead"/>: the slot is still busy and claims its next trial early; the lease shows as claimed, not
    /// running, until the trial reports an epoch or the slot's lease before it ends.
    /// </summary>
    [Alias("claim-once")] Task<TrialLease?> Claim(SlotRef slot, Guid claim, bool ahead);

    /// <summary>Extends the listed leases; returns the ones the slot must stop (expired, superseded, cancelled, paused).</summary>
    [Alias("heartbeat")] Task<IReadOnlyList<long>> Heartbeat(SlotRef slot, IReadOnlyList<LeaseRef> leases);

    /// <summary>An epoch finished. False: the lease is no longer current and the trial must stop (fencing).</summary>
    [Alias("progress")] Task<bool> ReportProgress(LeaseRef lease, EpochMetrics epoch);

    /// <summary>Commits a terminal outcome. Accepted once per trial; a superseded attempt is rejected.</summary>
    [Alias("complete")] Task<CommitReply> Complete(LeaseRef lease, TrialOutcome outcome);

    /// <summary>Hands a lease back: after an error from training (a failure: counts towards maxAttempts), or without one
    /// (an interruption: a pause, a drain, a lease the cluster could not start; costs no attempt).</summary>
    [Alias("release")] Task Release(LeaseRef lease, string? error);

    /// <summary>
    /// The slot could not start this lease because of the cluster (the trial's silo or directory entry out of reach, no
    /// placement): an interruption, not an attempt; the trial is claimable again after a short delay.
    /// </summary>
    [Alias("return-unstarted")] Task ReturnUnstarted(LeaseRef lease);

    [Alias("cancel")] Task Cancel();
    [Alias("pause")] Task Pause();
    [Alias("resume")] Task Resume();

    /// <summary>Trial summaries in index order, <paramref name="count"/> at most.</summary>
    [Alias("results")] Task<TrialSummaryPage> GetResults(long offset, int count);

    /// <summary>
    /// The per-epoch histories of the given trials (at most <see cref="MaxHistories"/>), which only the trials hold: the
    /// coordinator asks them, so a client needs no route to trial grains (its gateway may be a silo without slots).
    /// </summary>
    [Alias("histories")] Task<IReadOnlyDictionary<long, IReadOnlyList<EpochMetrics>>> GetHistories(IReadOnlyList<long> trials);

    public const int MaxHistories = 500;
}
