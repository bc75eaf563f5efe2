namespace OrleansSweep.Grains.Coordinator;

/// <summary>
/// The committed outcomes of a sweep's trials, kept by its coordinator in pages of <see cref="PageSize"/> trials: state
/// rows <c>results-{page}</c> of the coordinator's own grain id in the sweep storage, beside its main state. So
/// <c>status</c>, <c>results</c> and the report read from the coordinator without activating a trial grain. Pages are
/// written when the coordinator folds its journal of recent outcomes (an outcome is durable in that journal from its
/// commit on); a page write that fails leaves the journal as it was, and the next fold writes it again.
/// </summary>
public sealed class ResultPages(IGrainStorage storage, GrainId coordinator)
{
    public const int PageSize = 128;

    /// <summary>Pages written recently, with their ETags: trials finish roughly in index order, so the page being filled
    /// is read once, not before every write.</summary>
    private readonly Dictionary<long, GrainState<ResultPage>> _recent = [];
    private const int RecentPages = 4;

    /// <summary>Stores outcomes (a repeat of one already stored just overwrites it with the same facts).</summary>
    public async Task PutAsync(IEnumerable<PendingResult> results)
    {
        foreach (var page in results.GroupBy(r => r.Index / PageSize))
        {
            var state = await PageAsync(page.Key);
            foreach (var result in page) state.State!.Outcomes[result.Index] = result.Outcome;
            try
            {
                await storage.WriteStateAsync(StateName(page.Key), coordinator, state);
            }
            catch
            {
                _recent.Remove(page.Key);   // read afresh next time (its ETag may have moved on)
                throw;
            }
        }
    }

    /// <summary>The stored outcomes of trials in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<IReadOnlyDictionary<long, TrialOutcome>> ReadAsync(long from, long to)
    {
        var outcomes = new Dictionary<long, TrialOutcome>();
        for (var page = from / PageSize; page * PageSize < to; page++)
            foreach (var (index, outcome) in (await PageAsync(page)).State!.Outcomes)
                if (index >= from && index < to) outcomes[index] = outcome;
        return outcomes;
    }

    private async Task<GrainState<ResultPage>> PageAsync(long page)
    {
        if (_recent.TryGetValue(page, out var state)) return state;
        state = new GrainState<ResultPage>(new ResultPage());
        await storage.ReadStateAsync(StateName(page), coordinator, state);
        state.State ??= new ResultPage();
        if (_recent.Count >= RecentPages) _recent.Remove(_recent.Keys.Min());
        _recent[page] = state;
        return state;
    }

    private static string StateName(long page) => $"results-{page}";
}

/// <summary>One page of results: the outcomes of up to <see cref="ResultPages.PageSize"/> trials, by trial index.</summary>
public sealed class ResultPage
{
    public Dictionary<long, TrialOutcome> Outcomes { get; set; } = [];
}

/// <summary>An outcome committed (or a failure decided) but not yet written to its result page.</summary>
public sealed record PendingResult(long Index, TrialOutcome Outcome);
