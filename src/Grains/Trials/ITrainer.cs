using OrleansSweep.Training;

namespace OrleansSweep.Grains.Trials;

/// <summary>
/// Opens a trial's training session on its slot's thread and device, restoring the trial's newest valid checkpoint from
/// <c>checkpointDirectory</c>. <see cref="TorchTrainer"/> trains for real; <see cref="SimulatedTrainer"/>
/// (<c>Trainer:Kind=simulated</c>) stands in for orchestration tests, benchmarks and dry runs.
/// </summary>
public interface ITrainer
{
    ITrainingSession Open(TrialLease lease, TrainingDevice device, string checkpointDirectory, int threads);
}
