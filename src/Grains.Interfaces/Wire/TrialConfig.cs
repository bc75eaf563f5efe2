using OrleansSweep.Training.Models;
using OrleansSweep.Training.Sessions;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Wire;

/// <summary>
/// One trial of a sweep: its index in the sweep, one value of every factor, the replicate number and the seed derived
/// from them (shared by the architecture twins of a configuration). Derived from the spec by <c>TrialGrid</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("trial-config")]
public sealed record TrialConfig(
    [property: Id(0)] long Index,
    [property: Id(1)] Dataset Dataset,
    [property: Id(2)] Architecture Architecture,
    [property: Id(3)] int Layers,
    [property: Id(4)] int Filters,
    [property: Id(5)] int Kernel,
    [property: Id(6)] Activation Activation,
    [property: Id(7)] bool BatchNorm,
    [property: Id(8)] Optimizer Optimizer,
    [property: Id(9)] double LearningRate,
    [property: Id(10)] int BatchSize,
    [property: Id(11)] int Replicate,
    [property: Id(12)] long Seed)
{
    /// <summary>The trainer's recipe for this trial.</summary>
    public TrainingSpec Training(int epochs, int threads) =>
        new(ModelSpec.For(Dataset, Layers, Filters, Kernel, Activation, BatchNorm, Architecture), Optimizer, LearningRate,
            BatchSize, epochs, Seed, threads);
}
