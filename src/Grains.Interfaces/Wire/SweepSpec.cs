using System.Collections.Immutable;
using OrleansSweep.Training.Vocabulary;

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

/// <summary>The values each factor takes; the grid is their cartesian product.</summary>
[GenerateSerializer, Immutable, Alias("sweep-factors")]
public sealed record SweepFactors(
    [property: Id(0)] ImmutableArray<Dataset> Dataset,
    [property: Id(1)] ImmutableArray<Architecture> Architecture,
    [property: Id(2)] ImmutableArray<int> Layers,
    [property: Id(3)] ImmutableArray<int> Filters,
    [property: Id(4)] ImmutableArray<int> Kernel,
    [property: Id(5)] ImmutableArray<Activation> Activation,
    [property: Id(6)] ImmutableArray<bool> BatchNorm,
    [property: Id(7)] ImmutableArray<Optimizer> Optimizer,
    [property: Id(8)] ImmutableArray<double> LearningRate,
    [property: Id(9)] ImmutableArray<int> BatchSize)
{
    // Records compare ImmutableArray by reference; specs are compared by value (idempotent Start).
    public bool Equals(SweepFactors? other) =>
        other is not null
        && Dataset.SequenceEqual(other.Dataset)
        && Architecture.SequenceEqual(other.Architecture)
        && Layers.SequenceEqual(other.Layers)
        && Filters.SequenceEqual(other.Filters)
        && Kernel.SequenceEqual(other.Kernel)
        && Activation.SequenceEqual(other.Activation)
        && BatchNorm.SequenceEqual(other.BatchNorm)
        && Optimizer.SequenceEqual(other.Optimizer)
        && LearningRate.SequenceEqual(other.LearningRate)
        && BatchSize.SequenceEqual(other.BatchSize);

    public override int GetHashCode() =>
        HashCode.Combine(Dataset.Length, Architecture.Length, Layers.Length, Filters.Length, Kernel.Length,
            LearningRate.Length, BatchSize.Length);
}

/// <summary>
/// Where each dataset's files live and how much of them to use. A folder in <see cref="Dirs"/> (keyed by dataset
/// name) wins over <see cref="Root"/> (which holds one folder per dataset name); with neither, the silo's default.
/// </summary>
[GenerateSerializer, Immutable, Alias("sweep-data-options")]
public sealed record DataOptions(
    [property: Id(0)] int? Subset,
    [property: Id(1)] string? Root,
    [property: Id(2)] ImmutableSortedDictionary<string, string> Dirs)
{
    public static DataOptions Default { get; } = new(null, null, ImmutableSortedDictionary<string, string>.Empty);

    /// <summary>The folder configured for <paramref name="dataset"/>, or null when the silo's default applies.</summary>
    public string? DirectoryFor(Dataset dataset) =>
        Dirs.TryGetValue(dataset.Name, out var dir) ? dir
        : Root is null ? null
        : Path.Combine(Root, dataset.Name);

    // Records compare collections by reference; specs are compared by value (idempotent Start).
    public bool Equals(DataOptions? other) =>
        other is not null && Subset == other.Subset && Root == other.Root && Dirs.SequenceEqual(other.Dirs);

    public override int GetHashCode() => HashCode.Combine(Subset, Root, Dirs.Count);
}

/// <summary>How often a trial whose training throws is retried (attempts include the first) and the pause between.</summary>
[GenerateSerializer, Immutable, Alias("sweep-retry-policy")]
public sealed record RetryPolicy(
    [property: Id(0)] int MaxAttempts,
    [property: Id(1)] double BackoffSeconds);
