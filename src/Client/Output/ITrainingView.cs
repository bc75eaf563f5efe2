using OrleansSweep.Client.Commands;
using OrleansSweep.Training.Sessions;
using OrleansSweep.Training;

namespace OrleansSweep.Client.Output;

/// <summary>Presents one training run: the view wraps the run so it can own live displays around it.</summary>
public interface ITrainingView
{
    /// <param name="train">Runs the training, reporting each finished epoch and (optionally) each batch.</param>
    TrainingOutcome Show(TrainingHeader header, Func<Action<EpochMetrics>, IProgress<BatchProgress>?, TrainingOutcome> train);
}

/// <summary>What a training view states before the first epoch.</summary>
public sealed record TrainingHeader(
    string Dataset, int TrainSamples, int ValidationSamples, string Model, long Parameters, string Device, int Epochs);
