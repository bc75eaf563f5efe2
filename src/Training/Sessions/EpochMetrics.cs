namespace OrleansSweep.Training.Sessions;

/// <summary>
/// What one epoch produced: the one epoch record, from the session to the wire, the trial's state, the checkpoint and
/// the exports. Losses are per-sample means; accuracies are in [0, 1].
/// </summary>
/// <param name="Epoch">1-based.</param>
/// <param name="TrainLoss">The running mean over the epoch's batches, taken while the weights change.</param>
/// <param name="Seconds">Wall time of the whole epoch: training, validation and the training-set evaluation.</param>
/// <param name="SamplesPerSecond">Training samples per second of training time.</param>
/// <param name="TrainLossEval">The trained model's loss on the training set (or a fixed stratified sample of it, see
/// <see cref="TrainingSession.TrainEvaluationSamples"/>) in evaluation mode after the epoch: the training loss the paper
/// compares with the validation loss. NaN when not measured (a diverged epoch).</param>
/// <param name="Device">Where the epoch trained (<c>cpu</c>, <c>cuda:0</c> …); null in records from before it was kept.</param>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double ValLoss,
    double ValAccuracy,
    double Seconds,
    double SamplesPerSecond,
    double TrainLossEval = double.NaN,
    double TrainAccuracyEval = double.NaN,
    string? Device = null);
