using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Client.Sweeps;

/// <summary>Everything a sweep has to export: its spec, every trial's summary and (on request) each trial's epochs.</summary>
public sealed record SweepResults(
    SweepSpec Spec,
    IReadOnlyList<TrialSummary> Trials,
    IReadOnlyDictionary<long, IReadOnlyList<EpochMetrics>> Epochs)
{
    private const int PageSize = 1000, ParallelSnapshots = 32;

    /// <summary>Reads the results page by page; with <paramref name="withEpochs"/> also asks each trial for its history.</summary>
    public static async Task<SweepResults> FetchAsync(IGrainFactory grains, SweepSpec spec, bool withEpochs, CancellationToken cancellation)
    {
        var sweep = grains.GetGrain<ISweepGrain>(spec.Name);
        var trials = new List<TrialSummary>();
        for (long offset = 0; ; offset += PageSize)
        {
            var page = await sweep.GetResults(offset, PageSize);
            trials.AddRange(page.Items);
            if (page.Items.Count == 0 || offset + page.Items.Count >= page.Total) break;
        }
        var epochs = new Dictionary<long, IReadOnlyList<EpochMetrics>>();
        if (withEpochs)
        {
            var started = trials.Where(t => t.Status != TrialStatus.Queued).Select(t => t.TrialIndex);
            await Parallel.ForEachAsync(started, new ParallelOptions { MaxDegreeOfParallelism = ParallelSnapshots, CancellationToken = cancellation },
                async (index, _) =>
                {
                    var snapshot = await grains.GetGrain<ITrialGrain>(LeaseRef.TrialKeyOf(spec.Name, index)).GetSnapshot();
                    lock (epochs) epochs[index] = snapshot.History;
                });
        }
        return new SweepResults(spec, trials, epochs);
    }
}
