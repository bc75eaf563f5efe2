namespace OrleansSweep.Hosting.Storage;

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
