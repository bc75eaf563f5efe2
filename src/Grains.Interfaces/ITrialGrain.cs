using OrleansSweep.Wire;

namespace OrleansSweep.Interfaces;

/// <summary>
/// One trial of a sweep (key: <c>{sweepId}/{trialIndex}</c>). It runs its configuration for the lease a
/// slot of its own silo hands it, checkpoints every epoch and reports to the coordinator.
/// </summary>
[Alias("trial")]
public interface ITrialGrain : IGrainWithStringKey
{
    /// <summary>Starts (or resumes) training for this lease on the given slot. Returns at once.</summary>
    [Alias("run")] Task<RunReply> Run(TrialLease lease, SlotRef slot);

    /// <summary>Stops training within one batch, if the running attempt is not newer than <paramref name="attempt"/>.</summary>
    [Alias("stop")] Task Stop(int attempt, StopReason reason);

    [Alias("snapshot")] Task<TrialSnapshot> GetSnapshot();
}
