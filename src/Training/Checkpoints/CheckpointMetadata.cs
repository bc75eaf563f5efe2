using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Training.Checkpoints;

/// <summary>
/// The JSON part of a checkpoint. <see cref="DataOrder"/> records what reproduces the batch order of the next
/// epoch (the order is a pure function of seed and epoch, so no generator state is stored).
/// </summary>
public sealed record CheckpointMetadata(
    int Epoch,
    long Seed,
    DataOrderState DataOrder,
    TrainingSpec Spec,
    IReadOnlyList<EpochMetrics> History,
    string Device,
    DateTimeOffset SavedAtUtc);

/// <summary>The shuffle scheme's name and the (seed, next epoch) it continues from.</summary>
public sealed record DataOrderState(string Scheme, long Seed, int NextEpoch);
