namespace OrleansSweep.Wire;

/// <summary>Sweep-wide settings a trial needs besides its configuration.</summary>
[GenerateSerializer, Immutable, Alias("trial-run-options")]
public sealed record TrialRunOptions(
    [property: Id(0)] int Epochs,
    [property: Id(1)] string? DataDirectory,
    [property: Id(2)] int? Subset,
    [property: Id(3)] long SubsetSeed);
