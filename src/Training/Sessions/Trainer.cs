using OrleansSweep.Training.Checkpoints;
using OrleansSweep.Training.Data;
using static TorchSharp.torch;

namespace OrleansSweep.Training.Sessions;

/// <summary>Runs a trial to the end: resume, then epoch, checkpoint, report, until done, diverged or cancelled.</summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="spec"/> on <paramref name="data"/>, continuing from the newest valid checkpoint when
    /// <paramref name="resume"/> is set. Saves after every completed, finite epoch before calling
    /// <paramref name="onEpoch"/>. Cancellation returns <see cref="TrainingStatus.Cancelled"/> with the history of
    /// the completed epochs. A resume that had to pass over damaged checkpoints says so through
    /// <paramref name="onResumeWarning"/>. Synchronous: call it on the thread that owns the training.
    /// </summary>
    public static TrainingOutcome Run(
        TrainingSpec spec, DatasetSplit data, CheckpointStore? checkpoints, bool resume,
        Action<EpochMetrics>? onEpoch, IProgress<BatchProgress>? onBatch, CancellationToken ct, Device? device = null,
        Action<string>? onResumeWarning = null)
    {
        using var run = new TrainingRun(spec, data, device ?? Devices.Select());
        if (resume && checkpoints is not null) Resume(run, checkpoints, onResumeWarning);
        while (run.CompletedEpochs < spec.Epochs && !run.IsDiverged)
        {
            EpochMetrics metrics;
            try
            {
                metrics = run.RunEpoch(ct, onBatch);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return Outcome(run, TrainingStatus.Cancelled);
            }
            if (!run.IsDiverged) checkpoints?.Save(run);
            onEpoch?.Invoke(metrics);
        }
        return Outcome(run, run.IsDiverged ? TrainingStatus.Diverged : TrainingStatus.Completed);
    }

    private static void Resume(TrainingRun run, CheckpointStore checkpoints, Action<string>? onWarning)
    {
        var restored = checkpoints.TryRestoreLatest(run, out var skipped);
        if (skipped is null) return;
        onWarning?.Invoke(restored
            ? $"skipped a damaged checkpoint ({skipped}); resuming after epoch {run.CompletedEpochs}"
            : $"no usable checkpoint ({skipped}); starting fresh");
    }

    private static TrainingOutcome Outcome(TrainingRun run, TrainingStatus status) =>
        new(status, run.History.ToArray(), run.Parameters, run.IsDiverged ? run.CompletedEpochs : null);
}
