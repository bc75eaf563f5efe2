using OrleansSweep.Interfaces;
using OrleansSweep.Training.Sessions;
using OrleansSweep.Wire;

namespace OrleansSweep.Client.Sweeps;

/// <summary>
/// Everything a sweep has to export: its spec and every trial's summary, paged from the coordinator's own state (no
/// trial grain is activated), and on request per-epoch histories, which only the trials themselves hold (one call each).
/// </summary>
public sealed record SweepResults(
    SweepSpec Spec,
    IReadOnlyList<TrialSummary> Trials,
    IReadOnlyDictionary<long, IReadOnlyList<EpochMetrics>> Epochs)
{
    private const int PageSize = 5000;

    /// <summary>Reads every trial's summary page by page; with <paramref name="withEpochs"/> also every started trial's history.</summary>
    public static async Task<SweepResults> FetchAsync(IGrainFactory grains, SweepSpec spec, bool withEpochs, CancellationToken cancellation)
    {
        var sweep = grains.GetGrain<ISweepGrain>(spec.Name);
        var trials = new List<TrialSummary>();
        for (long offset = 0; ; offset += PageSize)
        {
            cancellation.ThrowIfCancellationRequested();
            var page = await sweep.GetResults(offset, PageSize);
            trials.AddRange(page.Items);
            if (page.Items.Count == 0 || offset + page.Items.Count >= page.Total) break;
        }
        var epochs = withEpochs
            ? await HistoriesAsync(grains, spec.Name, trials.Where(t => t.Status != TrialStatus.Queued).Select(t => t.TrialIndex), cancellation)
            : new Dictionary<long, IReadOnlyList<EpochMetrics>>();
        return new SweepResults(spec, trials, epochs);
    }

    /// <summary>The per-epoch histories of the given trials, through their coordinator (each trial asked once).</summary>
    public static async Task<IReadOnlyDictionary<long, IReadOnlyList<EpochMetrics>>> HistoriesAsync(
        IGrainFactory grains, string sweepId, IEnumerable<long> trials, CancellationToken cancellation)
    {
        var sweep = grains.GetGrain<ISweepGrain>(sweepId);
        var epochs = new Dictionary<long, IReadOnlyList<EpochMetrics>>();
        foreach (var batch in trials.Chunk(ISweepGrain.MaxHistories))
        {
            cancellation.ThrowIfCancellationRequested();
            foreach (var (index, history) in await sweep.GetHistories(batch)) epochs[index] = history;
        }
        return epochs;
    }
}
