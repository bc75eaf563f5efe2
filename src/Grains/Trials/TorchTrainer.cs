using Microsoft.Extensions.Options;
using OrleansSweep.Grains.Slots;
using OrleansSweep.Training;
using OrleansSweep.Training.Checkpoints;

namespace OrleansSweep.Grains.Trials;

/// <summary>Trains a trial with a <see cref="TrainingSession"/> on this silo's device, checkpointing into the trial's folder.</summary>
public sealed class TorchTrainer(DatasetCache datasets, IOptions<SlotOptions> slots, ILogger<TorchTrainer> logger) : ITrainer
{
    public ITrainingSession Open(TrialLease lease, string checkpointDirectory, int threads)
    {
        var (config, options) = (lease.Config, lease.Options);
        var data = datasets.Get(config.Dataset, options.DataDirectory, options.Subset, options.SubsetSeed);
        return TrainingSession.Open(config.Training(options.Epochs, threads), data, Devices.Select(slots.Value.Device),
            new CheckpointStore(checkpointDirectory), warning => logger.LogWarning("Trial {Trial}: {Warning}", lease.Ref.TrialKey, warning));
    }
}
