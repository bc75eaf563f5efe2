using Microsoft.Extensions.Options;
using OrleansSweep.Grains.Slots;
using OrleansSweep.Training;
using OrleansSweep.Training.Sessions;
using OrleansSweep.Training.Checkpoints;

namespace OrleansSweep.Grains.Trials;

/// <summary>Runs a trial with the TorchSharp trainer, checkpointing each epoch into the trial's folder.</summary>
public sealed class TorchTrialRunner(DatasetCache datasets, IOptions<SlotOptions> slots, ILogger<TorchTrialRunner> logger) : ITrialRunner
{
    public ITrialExecution Open(TrialConfig config, TrialRunOptions options, string checkpointDirectory, int threads)
    {
        var data = datasets.Get(config.Dataset, options.DataDirectory, options.Subset, options.SubsetSeed);
        var spec = config.Training(options.Epochs, threads);
        var run = new TrainingRun(spec, data, Devices.Select(slots.Value.Device));
        try
        {
            var store = new CheckpointStore(checkpointDirectory);
            if (!store.TryRestoreLatest(run, out var skipped) && skipped is not null)
                logger.LogWarning("Trial {Index}: starting over, no usable checkpoint ({Reason})", config.Index, skipped);
            else if (skipped is not null)
                logger.LogWarning("Trial {Index}: skipped a checkpoint ({Reason})", config.Index, skipped);
            return new Execution(run, store);
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    private sealed class Execution(TrainingRun run, CheckpointStore store) : ITrialExecution
    {
        public IReadOnlyList<EpochMetrics> History => run.History;
        public long Parameters => run.Parameters;
        public bool IsDiverged => run.IsDiverged;
        public Metrics.CheckpointWrite LastCheckpoint => new(store.LastWriteBytes, store.LastWriteDuration);

        public EpochMetrics RunEpoch(CancellationToken cancellationToken)
        {
            var metrics = run.RunEpoch(cancellationToken);
            store.Save(run);
            return metrics;
        }

        public void Dispose() => run.Dispose();

    }
}
