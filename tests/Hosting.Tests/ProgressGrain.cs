using Orleans;
using Orleans.Runtime;

namespace OrleansSweep.Hosting.Tests;

/// <summary>A tiny grain whose state lives in the "trials" storage, for the cluster restart test.</summary>
public interface IProgressGrain : IGrainWithStringKey
{
    Task AddEpoch(double loss);
    Task<IReadOnlyList<double>> Losses();
}

public sealed class ProgressGrain([PersistentState("s", "trials")] IPersistentState<SampleTrialState> progress)
    : Grain, IProgressGrain
{
    public async Task AddEpoch(double loss)
    {
        var epoch = progress.State.Epochs.Count + 1;
        progress.State.Epochs.Add(new SampleEpoch(epoch, loss, 0));
        progress.State.Phase = double.IsNaN(loss) ? SamplePhase.Diverged : SamplePhase.Running;
        await progress.WriteStateAsync();
    }

    public Task<IReadOnlyList<double>> Losses() =>
        Task.FromResult<IReadOnlyList<double>>(progress.State.Epochs.Select(e => e.Loss).ToList());
}
