namespace OrleansSweep.Wire;

/// <summary>A slot on a silo: where a trial runs. <see cref="Silo"/> is the silo's address as text.</summary>
[GenerateSerializer, Immutable, Alias("slot-ref")]
public sealed record SlotRef([property: Id(0)] string Silo, [property: Id(1)] int Slot)
{
    public override string ToString() => $"{Silo}#{Slot}";
}

/// <summary>Names one attempt of one trial; reports carrying an older attempt are rejected (fencing).</summary>
[GenerateSerializer, Immutable, Alias("lease-ref")]
public sealed record LeaseRef([property: Id(0)] string SweepId, [property: Id(1)] long TrialIndex, [property: Id(2)] int Attempt)
{
    public string TrialKey => TrialKeys.Of(SweepId, TrialIndex);
}

/// <summary>The right to run one attempt of a trial, until it expires without heartbeats.</summary>
[GenerateSerializer, Immutable, Alias("trial-lease")]
public sealed record TrialLease(
    [property: Id(0)] LeaseRef Ref,
    [property: Id(1)] TrialConfig Config,
    [property: Id(2)] TrialRunOptions Options,
    [property: Id(3)] TimeSpan LeaseTimeout);

public static class TrialKeys
{
    public static string Of(string sweepId, long trialIndex) => $"{sweepId}/{trialIndex}";
}
