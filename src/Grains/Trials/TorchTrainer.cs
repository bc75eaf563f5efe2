using OrleansSweep.Training;
using OrleansSweep.Training.Checkpoints;

namespace OrleansSweep.Grains.Trials;

/// <summary>
/// Trains a trial with a <see cref="TrainingSession"/> on its slot's device: the model, the optimizer and the data (the
/// silo's shared copy on that device) all live there. Checkpoints go into the trial's folder.
/// </summary>
public sealed class TorchTrainer(DatasetCache datasets, ILogger<TorchTrainer> logger) : ITrainer
{
    public ITrainingSession Open(TrialLease lease, TrainingDevice device, string checkpointDirectory, int threads)
    {
        var (config, options) = (lease.Config, lease.Options);
        var data = datasets.Acquire(config.Dataset, options.DataDirectory, options.Subset, options.SubsetSeed, device);
        try
        {
            var session = TrainingSession.Open(config.Training(options.Epochs, threads), data.Data, device,
                new CheckpointStore(checkpointDirectory), warning => logger.LogWarning("Trial {Trial}: {Warning}", lease.Ref.TrialKey, warning));
            return new SessionOnSharedData(session, data);
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    /// <summary>A session that lets go of its shared dataset when it closes.</summary>
    private sealed class SessionOnSharedData(TrainingSession session, DatasetLease data) : ITrainingSession
    {
        public IReadOnlyList<EpochMetrics> History => session.History;
        public long Parameters => session.Parameters;
        public bool IsDiverged => session.IsDiverged;
        public bool IsFinished => session.IsFinished;
        public CheckpointWrite? LastCheckpoint => session.LastCheckpoint;

        public EpochMetrics RunEpoch(CancellationToken cancellationToken, IProgress<BatchProgress>? progress = null) =>
            session.RunEpoch(cancellationToken, progress);

        public void Dispose()
        {
            session.Dispose();
            data.Dispose();
        }
    }
}
