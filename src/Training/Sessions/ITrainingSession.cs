namespace OrleansSweep.Training.Sessions;

/// <summary>
/// A training in progress, epoch by epoch: <see cref="TrainingSession"/> trains for real; the engine's tests and
/// benchmarks use a simulated one. Use it from the one thread that opened it.
/// </summary>
public interface ITrainingSession : IDisposable
{
    /// <summary>Epochs completed so far (restored ones included), oldest first.</summary>
    IReadOnlyList<EpochMetrics> History { get; }

    long Parameters { get; }

    /// <summary>True once an epoch's training loss was NaN or infinite: the session is over.</summary>
    bool IsDiverged { get; }

    /// <summary>Every epoch of the spec is done, or it diverged.</summary>
    bool IsFinished { get; }

    /// <summary>Trains the next epoch and checkpoints it (a diverged one too). Throws
    /// <see cref="OperationCanceledException"/> within one batch of cancellation, leaving no trace of the epoch.</summary>
    EpochMetrics RunEpoch(CancellationToken cancellationToken, IProgress<BatchProgress>? progress = null);

    /// <summary>The checkpoint the last <see cref="RunEpoch"/> wrote; null when none was written.</summary>
    CheckpointWrite? LastCheckpoint { get; }
}

/// <summary>A checkpoint as written: its size and how long writing it took (capture to rename).</summary>
public sealed record CheckpointWrite(long Bytes, TimeSpan Duration);
