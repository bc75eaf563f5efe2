namespace OrleansSweep.Training.Sessions;

/// <summary>The result of <see cref="Trainer.Run"/>: every epoch so far, including ones restored from a checkpoint.</summary>
public sealed record TrainingOutcome(
    TrainingStatus Status,
    IReadOnlyList<EpochMetrics> History,
    long Parameters,
    int? DivergedAtEpoch);
