namespace OrleansSweep.Training.Sessions;

/// <summary>What one epoch produced. Losses are per-sample means; accuracies are in [0, 1].</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="Seconds">Wall time of the whole epoch, training and validation.</param>
/// <param name="SamplesPerSecond">Training samples per second of training time.</param>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double ValLoss,
    double ValAccuracy,
    double Seconds,
    double SamplesPerSecond);
