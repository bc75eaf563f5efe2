using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Grains.Trials;

/// <summary>
/// Trains trials. The real one wraps the TorchSharp trainer; tests and benchmarks use fast fakes.
/// Every member of an <see cref="ITrialExecution"/> is called on the slot's own thread.
/// </summary>
public interface ITrialRunner
{
    /// <summary>Prepares a trial, restoring its newest valid checkpoint from <paramref name="checkpointDirectory"/> if any.</summary>
    ITrialExecution Open(TrialConfig config, TrialRunOptions options, string checkpointDirectory, int threads);
}

public interface ITrialExecution : IDisposable
{
    /// <summary>Epochs completed so far (restored ones included), oldest first.</summary>
    IReadOnlyList<EpochMetrics> History { get; }

    long Parameters { get; }

    /// <summary>True once a loss was NaN or infinite.</summary>
    bool IsDiverged { get; }

    /// <summary>Trains one epoch and checkpoints it. Throws <see cref="OperationCanceledException"/> within one batch of cancellation.</summary>
    EpochMetrics RunEpoch(CancellationToken cancellationToken);

    /// <summary>The checkpoint written by the last <see cref="RunEpoch"/> (metrics); null when unknown.</summary>
    Metrics.CheckpointWrite? LastCheckpoint => null;
}
