namespace OrleansSweep.Wire;

/// <summary>
/// A validated sweep: what to train (the factor grid × replicates, optionally sampled) and how to run it.
/// Built by <c>SweepSpecParser</c>; the coordinator persists it and derives trials from it lazily.
/// Member ids are part of the wire format: append new members, never reorder or renumber.
/// </summary>
[GenerateSerializer, Immutable, Alias("sweep-spec")]
public sealed record SweepSpec(
    [property: Id(0)] string Name,
    [property: Id(1)] long Seed,
    [property: Id(2)] DataOptions Data,
    [property: Id(3)] SweepFactors Factors,
    [property: Id(4)] int Epochs,
    [property: Id(5)] int Replicates,
    [property: Id(6)] long? Sample,
    [property: Id(7)] RetryPolicy Retry,
    [property: Id(8)] int LeaseTimeoutSeconds);
