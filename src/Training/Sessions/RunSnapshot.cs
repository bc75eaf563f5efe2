namespace OrleansSweep.Training.Sessions;

/// <summary>
/// Everything a <see cref="TrainingRun"/> needs to continue bit-identically, as plain bytes: the model's
/// state_dict (parameters and batch-norm buffers) and the optimizer state, in TorchSharp's formats, plus the
/// completed epochs. The data order needs no state of its own: it is a function of (seed, epoch).
/// </summary>
public sealed record RunSnapshot(IReadOnlyList<EpochMetrics> History, byte[] Weights, byte[] OptimizerState)
{
    public int CompletedEpochs => History.Count;
}
