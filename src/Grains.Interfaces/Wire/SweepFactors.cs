using System.Collections.Immutable;

namespace OrleansSweep.Wire;

/// <summary>
/// The values each factor takes; the grid is their cartesian product. Names are canonical and lower case:
/// dataset mnist|fashion-mnist|cifar10, architecture sequential|parallel|staged:d, activation relu|tanh,
/// optimizer adam|adamw|sgd.
/// </summary>
[GenerateSerializer, Immutable, Alias("sweep-factors")]
public sealed record SweepFactors(
    [property: Id(0)] ImmutableArray<string> Dataset,
    [property: Id(1)] ImmutableArray<string> Architecture,
    [property: Id(2)] ImmutableArray<int> Layers,
    [property: Id(3)] ImmutableArray<int> Filters,
    [property: Id(4)] ImmutableArray<int> Kernel,
    [property: Id(5)] ImmutableArray<string> Activation,
    [property: Id(6)] ImmutableArray<bool> BatchNorm,
    [property: Id(7)] ImmutableArray<string> Optimizer,
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
