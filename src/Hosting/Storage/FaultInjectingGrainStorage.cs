using Orleans.Runtime;
using Orleans.Storage;

namespace OrleansSweep.Hosting.Storage;

/// <summary>
/// Decorator that makes a seeded random share of operations throw <see cref="InjectedStorageFaultException"/>,
/// either before the inner storage runs or after it committed, and every operation on some states while a
/// <see cref="StorageOutage"/> is on. The second case is a lost acknowledgement: the
/// caller's state object is put back as it was (old ETag), so the caller's next write fails with
/// <see cref="InconsistentStateException"/>. Callers recover by re-reading the state and re-applying their change;
/// in a grain, letting <see cref="InconsistentStateException"/> escape makes Orleans deactivate the activation,
/// and the next activation reads the committed state.
/// </summary>
public sealed class FaultInjectingGrainStorage(IGrainStorage inner, FaultInjectionOptions options) : IGrainStorage
{
    private readonly Random _random = new(options.Seed);
    private int _faultsBefore;
    private int _faultsAfter;

    /// <summary>Faults injected before the inner operation ran (nothing changed in storage).</summary>
    public int FaultsBeforeCommit => Volatile.Read(ref _faultsBefore);

    /// <summary>Faults injected after the inner operation committed.</summary>
    public int FaultsAfterCommit => Volatile.Read(ref _faultsAfter);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Run(stateName, options.ReadFailureRate, "read", grainState, () => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Run(stateName, options.WriteFailureRate, "write", grainState, () => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Run(stateName, options.ClearFailureRate, "clear", grainState, () => inner.ClearStateAsync(stateName, grainId, grainState));

    private async Task Run<T>(string stateName, double failureRate, string operation, IGrainState<T> grainState, Func<Task> innerOperation)
    {
        if (options.Outage?.Covers(stateName) == true)
        {
            Interlocked.Increment(ref _faultsBefore);
            throw new InjectedStorageFaultException($"Injected storage outage: {operation} of {stateName} refused.");
        }
        var (fail, afterCommit) = Draw(failureRate);
        if (fail && !afterCommit)
        {
            Interlocked.Increment(ref _faultsBefore);
            throw new InjectedStorageFaultException($"Injected storage fault before {operation}.");
        }

        var (state, etag, exists) = (grainState.State, grainState.ETag, grainState.RecordExists);
        await innerOperation();
        if (!fail) return;

        (grainState.State, grainState.ETag, grainState.RecordExists) = (state, etag, exists);
        Interlocked.Increment(ref _faultsAfter);
        throw new InjectedStorageFaultException($"Injected storage fault after {operation} committed.");
    }

    private (bool Fail, bool AfterCommit) Draw(double failureRate)
    {
        lock (_random)
        {
            var fail = _random.NextDouble() < failureRate;
            var afterCommit = _random.NextDouble() < options.AfterCommitShare;
            return (fail, afterCommit);
        }
    }
}
