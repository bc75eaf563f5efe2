using OrleansSweep.Training;
using OrleansSweep.Training.Sessions;
using OrleansSweep.Client.Commands;

namespace OrleansSweep.Client.Output;

/// <summary>Presents one training run: the view wraps the run so it can own live displays around it.</summary>
public interface ITrainingView
{
    /// <param name="train">Runs the training, reporting each finished epoch and (optionally) each batch.</param>
    TrainingOutcome Show(TrainingHeader header, Func<Action<EpochMetrics>, IProgress<BatchProgress>?, TrainingOutcome> train);
}
