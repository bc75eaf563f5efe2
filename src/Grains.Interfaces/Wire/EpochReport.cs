namespace OrleansSweep.Wire;

/// <summary>The metrics of one finished epoch (1-based).</summary>
[GenerateSerializer, Immutable, Alias("epoch-report")]
public sealed record EpochReport(
    [property: Id(0)] int Epoch,
    [property: Id(1)] double TrainLoss,
    [property: Id(2)] double TrainAccuracy,
    [property: Id(3)] double ValLoss,
    [property: Id(4)] double ValAccuracy,
    [property: Id(5)] double Seconds,
    [property: Id(6)] double SamplesPerSecond);
