
namespace OrleansSweep.Grains.Coordinator;

/// <summary>The coordinator's control and query side: cancel, pause, resume, status, results.</summary>
public sealed partial class SweepGrain
{
    public async Task Cancel()
    {
        if (_book is null || state.State.Phase is SweepPhase.Cancelled or SweepPhase.Completed)
        {
            await _commit.EnsureDurableAsync();   // a retry after a failed write: acknowledge only durable state
            return;
        }
        var running = _book.RequestStopAll(SweepId);
        _book.CancelAll();
        state.State.Phase = SweepPhase.Cancelled;
        await _commit.SaveAsync();
        await StopTrialsAsync(running, StopReason.Cancelled);
        await EndKeepAliveAsync();
        await PublishPhaseAsync();
    }

    public async Task Pause()
    {
        if (_book is null || state.State.Phase != SweepPhase.Running)
        {
            await _commit.EnsureDurableAsync();   // a retry after a failed write: acknowledge only durable state
            return;
        }
        state.State.Phase = SweepPhase.Paused;
        var running = _book.RequestStopAll(SweepId);
        await _commit.SaveAsync();
        await StopTrialsAsync(running, StopReason.Paused);
        await PublishPhaseAsync();
    }

    public async Task Resume()
    {
        if (_book is null || state.State.Phase != SweepPhase.Paused)
        {
            await _commit.EnsureDurableAsync();   // a retry after a failed write: acknowledge only durable state
            return;
        }
        state.State.Phase = SweepPhase.Running;
        _book.ResumeAfterPause();
        _throughput.Restart(Now);
        await _commit.SaveAsync();
        await PublishPhaseAsync();
    }

    public Task<SweepStatus> GetStatus()
    {
        var s = state.State;
        var counts = Enum.GetValues<TrialStatus>().ToDictionary(t => t, t => _book?.Count(t) ?? 0);
        var finished = counts.Where(kv => kv.Key.IsTerminal()).Sum(kv => kv.Value);
        var rate = _throughput.PerHour(Now);
        TimeSpan? eta = rate is { } perHour ? TimeSpan.FromHours((s.TrialCount - finished) / perHour) : null;
        var arms = s.Arms.OrderBy(kv => kv.Key)
            .Select(kv => new ArmSummary(kv.Key, kv.Value.Finished, kv.Value.BestValLoss, kv.Value.BestTrial,
                kv.Value.Scored > 0 ? kv.Value.SumValLoss / kv.Value.Scored : double.NaN))
            .ToList();
        var running = s.Leases.OrderBy(kv => kv.Key)
            .Select(kv => new RunningTrial(kv.Key, kv.Value.Attempt, kv.Value.Slot, kv.Value.EpochsDone, kv.Value.LastValLoss))
            .ToList();
        return Task.FromResult(new SweepStatus(SweepId, s.Phase, s.TrialCount, counts,
            s.TrialCount == 0 ? 0 : (double)finished / s.TrialCount, rate ?? 0, eta, arms, running, s.RetryCount, s.LeaseExpiryCount,
            silo.SiloAddress.ToParsableString()));
    }

    public Task<SweepSpec?> GetSpec() => Task.FromResult(state.State.Spec);

    public async Task<TrialSummaryPage> GetResults(long offset, int count)
    {
        if (_book is null || _grid is null) return new TrialSummaryPage(offset, 0, []);
        var total = state.State.TrialCount;
        var indices = Enumerable.Range(0, (int)Math.Clamp(Math.Min(count, total - offset), 0, 10_000)).Select(i => offset + i).ToList();
        var outcomes = await Task.WhenAll(indices.Select(async i =>
            _book.StatusOf(i).IsTerminal() && _book.StatusOf(i) != TrialStatus.Cancelled
                ? (await GrainFactory.GetGrain<ITrialGrain>(LeaseRef.TrialKeyOf(SweepId, i)).GetSnapshot()).Outcome
                : null));
        var items = indices.Select((i, n) => new TrialSummary(i, _grid.At(i), _book.StatusOf(i), _book.AttemptsOf(i),
            outcomes[n] ?? FailureOutcome(i))).ToList();
        return new TrialSummaryPage(offset, total, items);
    }

    private TrialOutcome? FailureOutcome(long index) =>
        state.State.Errors.TryGetValue(index, out var error)
            ? new TrialOutcome(TrialStatus.Failed, 0, null, double.NaN, 0, error)
            : null;

    private async Task StopTrialsAsync(IEnumerable<LeaseRef> leases, StopReason reason)
    {
        var stops = leases.Select(async lease =>
        {
            try
            {
                await GrainFactory.GetGrain<ITrialGrain>(lease.TrialKey).Stop(lease.Attempt, reason);
            }
            catch (Exception e)
            {
                // The heartbeat reply tells the slot to stop as well; this call only makes it prompt.
                logger.LogWarning("Could not stop trial {Trial}: {Error}", lease.TrialKey, e.Message);
            }
        });
        await Task.WhenAll(stops);
    }
}
