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

/// <summary>How often <see cref="FaultInjectingGrainStorage"/> fails, per operation kind (0 = never, 1 = always).</summary>
public sealed record FaultInjectionOptions
{
    public double ReadFailureRate { get; init; }
    public double WriteFailureRate { get; init; }
    public double ClearFailureRate { get; init; }

    /// <summary>Share of the injected faults that strike after the inner operation committed (0 = all before).</summary>
    public double AfterCommitShare { get; init; } = 0.5;

    /// <summary>Seed of the random choices: the same seed and call order fail the same operations.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>An outage the caller switches on and off, besides the random faults.</summary>
    public StorageOutage? Outage { get; init; }
}

/// <summary>
/// A storage outage switched on and off from outside (a test): while on, every operation on the named states fails
/// before it runs, as when the storage's server is down.
/// </summary>
public sealed class StorageOutage
{
    private volatile string[]? _states;

    public void Begin(params string[] stateNames) => _states = stateNames;

    public void End() => _states = null;

    public bool Covers(string stateName) => _states is { } states && states.Contains(stateName);
}

/// <summary>A transient storage failure injected by <see cref="FaultInjectingGrainStorage"/>.</summary>
public sealed class InjectedStorageFaultException(string message) : Exception(message);
