namespace OrleansSweep.Wire;

/// <summary>
/// One trial of a sweep: its index in the sweep (0 ≤ Index &lt; TrialGrid.Count), one value of every factor,
/// the replicate number and the seed derived from them (shared by the architecture twins of a configuration).
/// </summary>
[GenerateSerializer, Immutable, Alias("trial-config")]
public sealed record TrialConfig(
    [property: Id(0)] long Index,
    [property: Id(1)] string Dataset,
    [property: Id(2)] string Architecture,
    [property: Id(3)] int Layers,
    [property: Id(4)] int Filters,
    [property: Id(5)] int Kernel,
    [property: Id(6)] string Activation,
    [property: Id(7)] bool BatchNorm,
    [property: Id(8)] string Optimizer,
    [property: Id(9)] double LearningRate,
    [property: Id(10)] int BatchSize,
    [property: Id(11)] int Replicate,
    [property: Id(12)] long Seed);
