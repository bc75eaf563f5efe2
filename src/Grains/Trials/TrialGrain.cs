using OrleansSweep.Grains.Metrics;
using OrleansSweep.Grains.Persistence;
using OrleansSweep.Grains.Slots;

namespace OrleansSweep.Grains.Trials;

/// <summary>
/// One trial. A slot of this silo hands it a lease; it trains on the slot's thread, off the Orleans
/// scheduler, one epoch per work item: checkpoint (inside the epoch), then this state, then progress to
/// the coordinator. It refuses leases older than one it has seen, so a zombie attempt never commits.
/// </summary>
[Orleans.Placement.PreferLocalPlacement]
public sealed partial class TrialGrain(
    [PersistentState("trial", StorageNames.Trials)] IPersistentState<TrialState> state,
    SlotPool slots,
    ITrialRunner runner,
    TrialMetrics metrics,
    TimeProvider clock,
    ILogger<TrialGrain> logger) : Grain, ITrialGrain
{
    private Task? _loop;
    private CancellationTokenSource? _stop;
    private int _runningAttempt;
    private int _stoppedBeforeStart;   // a stop for an attempt not started yet (its lease was claimed ahead)

    public async Task<RunReply> Run(TrialLease lease, SlotRef slot)
    {
        var attempt = lease.Ref.Attempt;
        if (state.State.Committed) return RunReply.AlreadyDone;
        if (attempt < state.State.Attempt) return RunReply.Stale;
        if (attempt <= _stoppedBeforeStart || state.State.Status == TrialStatus.Cancelled) return RunReply.Stopped;
        if (slot.Silo != slots.LocalSilo)
        {
            // Migrate, not deactivate: the placement hint in this call's context takes the activation to the
            // slot's silo and the directory learns where it went. After a plain deactivation, a caller whose
            // directory cache still names this silo re-creates the trial here on every retry until that cache
            // entry expires (tens of seconds; seen after lease expiries with every silo alive).
            if (_loop is null or { IsCompleted: true }) MigrateOnIdle();
            return RunReply.WrongSilo;
        }
        if (_loop is { IsCompleted: false })
        {
            if (attempt == _runningAttempt) return RunReply.Started;
            await StopLoopAsync();
        }

        var s = state.State;
        s.Config ??= lease.Config;
        s.Attempt = attempt;
        s.Status = TrialStatus.Running;
        s.Attempts.Add(new AttemptRecord(attempt, slot.ToString(), clock.GetUtcNow(), null, s.History.Count, s.History.Count, null));
        // Persisted by the attempt itself, while its slot opens the trial (the coordinator is the authority on attempts).

        var handle = slots.Get(slot.Slot);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(handle.StopToken);
        _runningAttempt = attempt;
        DelayDeactivation(Timeout.InfiniteTimeSpan);
        _loop = RunAttemptAsync(lease, handle, _stop.Token);
        return RunReply.Started;
    }

    public async Task Stop(int attempt, StopReason reason)
    {
        if (_loop is { IsCompleted: false } && _runningAttempt <= attempt)
        {
            logger.LogInformation("Trial {Trial} stopping: {Reason}", this.GetPrimaryKeyString(), reason);
            await StopLoopAsync();
        }
        else if (attempt > _runningAttempt) _stoppedBeforeStart = Math.Max(_stoppedBeforeStart, attempt);
        if (reason == StopReason.Cancelled && !state.State.Status.IsTerminal())
        {
            state.State.Status = TrialStatus.Cancelled;
            await state.WriteWithRecoveryAsync(this, logger);
        }
    }

    public Task<TrialSnapshot> GetSnapshot()
    {
        var s = state.State;
        return Task.FromResult(new TrialSnapshot(this.GetPrimaryKeyString(), s.Status, s.History.ToList(),
            s.Attempts.ToList(), s.Parameters, s.Outcome, slots.LocalSilo));
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_loop is { IsCompleted: false }) await StopLoopAsync().WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task StopLoopAsync()
    {
        _stop?.Cancel();
        if (_loop is { } loop) await loop.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
    }
}
