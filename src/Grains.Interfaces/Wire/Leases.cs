namespace OrleansSweep.Wire;

/// <summary>
/// A slot on a silo: where a trial runs. <see cref="Silo"/> is the silo's address as text; <see cref="Device"/> the
/// device the slot trains on (<c>cpu</c>, <c>cuda:0</c> …; null from a silo that does not say).
/// </summary>
[GenerateSerializer, Immutable, Alias("slot-ref")]
public sealed record SlotRef([property: Id(0)] string Silo, [property: Id(1)] int Slot, [property: Id(2)] string? Device = null)
{
    public override string ToString() => $"{Silo}#{Slot}";
}

/// <summary>Names one attempt of one trial; reports carrying an older attempt are rejected (fencing).</summary>
[GenerateSerializer, Immutable, Alias("lease-ref")]
public sealed record LeaseRef([property: Id(0)] string SweepId, [property: Id(1)] long TrialIndex, [property: Id(2)] int Attempt)
{
    /// <summary>The trial grain's key: <c>{sweepId}/{trialIndex}</c>.</summary>
    public string TrialKey => TrialKeyOf(SweepId, TrialIndex);

    public static string TrialKeyOf(string sweepId, long trialIndex) => $"{sweepId}/{trialIndex}";
}

/// <summary>The right to run one attempt of a trial, until it expires without heartbeats.</summary>
[GenerateSerializer, Immutable, Alias("trial-lease")]
public sealed record TrialLease(
    [property: Id(0)] LeaseRef Ref,
    [property: Id(1)] TrialConfig Config,
    [property: Id(2)] TrialRunOptions Options,
    [property: Id(3)] TimeSpan LeaseTimeout);

/// <summary>Sweep-wide settings a trial needs besides its configuration.</summary>
[GenerateSerializer, Immutable, Alias("trial-run-options")]
public sealed record TrialRunOptions(
    [property: Id(0)] int Epochs,
    [property: Id(1)] string? DataDirectory,
    [property: Id(2)] int? Subset,
    [property: Id(3)] long SubsetSeed);
