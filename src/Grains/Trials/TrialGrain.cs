using OrleansSweep.Grains.Metrics;
using OrleansSweep.Grains.Persistence;
using OrleansSweep.Grains.Slots;

namespace OrleansSweep.Grains.Trials;

/// <summary>
/// One trial (key <c>{sweepId}/{trialIndex}</c>). A slot of this silo hands it a lease; it trains on the slot's thread,
/// off the Orleans scheduler, one epoch per work item: checkpoint (inside the epoch), then this state, then progress
/// to the coordinator; at the end, the outcome is committed at the coordinator. It refuses leases older than one it
/// has seen, so a zombie attempt never commits.
/// </summary>
[Orleans.Placement.PreferLocalPlacement]
public sealed class TrialGrain(
    [PersistentState("trial", StorageNames.Trials)] IPersistentState<TrialState> state,
    SlotPool slots,
    ITrainer trainer,
    TrialMetrics metrics,
    TimeProvider clock,
    ILogger<TrialGrain> logger) : Grain, ITrialGrain
{
    /// <summary>Calls to the coordinator are retried 100 ms, 200 ms, … apart, at most this far apart.</summary>
    private static readonly TimeSpan MaxCoordinatorBackoff = TimeSpan.FromSeconds(1);

    // Not state: the running attempt lives in memory only; a reactivated trial is started again by its slot.
    private Task? _loop;
    private CancellationTokenSource? _stop;
    private int _runningAttempt;
    private int _stoppedBeforeStart;   // a stop for an attempt not started yet (its lease was claimed ahead)

    public async Task<RunReply> Run(TrialLease lease, SlotRef slot)
    {
        var attempt = lease.Ref.Attempt;
        if (attempt > state.State.Attempt && state.State.Outcome is { Status: TrialStatus.Completed } done && done.Epochs < lease.Options.Epochs)
        {
            // The sweep's epochs were raised after this trial completed: it trains on from its last checkpoint.
            state.State.Outcome = null;
            state.State.Committed = false;
        }
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
        s.Attempt = attempt;
        s.Status = TrialStatus.Running;
        s.Attempts.Add(new AttemptRecord(attempt, slot.ToString(), clock.GetUtcNow(), null, s.History.Count, s.History.Count, null));
        // Persisted by the attempt itself, while its slot opens the trial (the coordinator is the authority on attempts).

        var handle = slots.Get(slot.Slot);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(handle.StopTokenOf(lease.Ref));
        _runningAttempt = attempt;
        DelayDeactivation(Timeout.InfiniteTimeSpan);   // training off the scheduler is not activity
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

    /// <summary>
    /// One attempt: train (unless an outcome is already stored), then commit; or hand the lease back. Only an exception
    /// from training is a failure (it spends an attempt); a stop, or the cluster failing around the trial (storage, a
    /// coordinator out of reach), is an interruption, which costs none.
    /// </summary>
    private async Task RunAttemptAsync(TrialLease lease, Slot slot, CancellationToken stop)
    {
        // Leave Run() first: this loop lives on the grain scheduler but must not hold the Run call.
        await Task.Yield();
        var sweep = GrainFactory.GetGrain<ISweepGrain>(lease.Ref.SweepId);
        try
        {
            if (state.State.Outcome is null) await TrainOnSlotAsync(lease, slot, sweep, stop);
            slot.Release(lease.Ref);                       // (already free after training) the commit needs no slot
            await CommitAsync(sweep, lease);
        }
        catch (TrainingFailedException e)
        {
            logger.LogWarning("Trial {Trial} attempt {Attempt} failed: {Error}", lease.Ref.TrialKey, lease.Ref.Attempt, e.Message);
            await EndAttemptAsync(e.Message);
            await TryAsync(() => ToCoordinatorAsync("Release", lease, () => sweep.Release(lease.Ref, e.Message)));
        }
        catch (Exception e)
        {
            if (e is not OperationCanceledException)
                logger.LogWarning("Trial {Trial} attempt {Attempt} interrupted: {Error}", lease.Ref.TrialKey, lease.Ref.Attempt, e.Message);
            await EndAttemptAsync(null);
            await TryAsync(() => ToCoordinatorAsync("Release", lease, () => sweep.Release(lease.Ref, null)));
        }
        finally
        {
            metrics.AttemptEnded(lease.Ref);
            slot.Release(lease.Ref);
            DelayDeactivation(TimeSpan.Zero);
        }
    }

    /// <summary>
    /// Epochs on the slot's thread until done or diverged, each written here, then reported. The first work item also
    /// opens the session (restoring its checkpoint, which is the truth: epochs recorded here but not checkpointed are
    /// replayed identically); the item that ends the training also closes it and frees the slot, so the slot's next
    /// trial never waits for this grain's writes and commit.
    /// </summary>
    private async Task TrainOnSlotAsync(TrialLease lease, Slot slot, ISweepGrain sweep, CancellationToken stop)
    {
        var directory = Path.Combine(slots.Options.CheckpointDirectory, lease.Ref.SweepId, lease.Ref.TrialIndex.ToString());
        ITrainingSession? session = null;
        var ended = false;
        void End()
        {
            if (ended) return;
            ended = true;
            session?.Dispose();
            metrics.AttemptEnded(lease.Ref);   // its running-trial series go with the slot, so they never outnumber slots
            slot.Release(lease.Ref);
        }
        Task<EpochStep> NextAsync() => slot.Thread.Run(() =>
        {
            try
            {
                var opened = session is null;
                DateTimeOffset? began = null;   // the first item's start: a lease claimed ahead is started before it
                if (opened)
                {
                    // A lease claimed ahead waited here behind the slot's previous trial; it begins only if still held.
                    if (!slot.Begin(lease.Ref)) throw new OperationCanceledException("the slot no longer holds this lease");
                    stop.ThrowIfCancellationRequested();
                    began = clock.GetUtcNow();
                }
                session ??= trainer.Open(lease, slot.Device, directory, slots.Plan.ThreadsPerSlot);
                if (session.IsFinished)
                {
                    End();                                         // restored a finished (or diverged) checkpoint
                    return new EpochStep(opened ? session.History.ToList() : null, session.Parameters, null, session.IsDiverged, Ended: true, began);
                }
                if (session.History.Count + 1 >= lease.Options.Epochs) slot.Finishing();
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var epoch = session.RunEpoch(stop);
                slot.LastEpoch = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                metrics.EpochCompleted(lease, epoch, session.LastCheckpoint);
                if (session.IsFinished) End();
                return new EpochStep(opened ? session.History.SkipLast(1).ToList() : null, session.Parameters, epoch, session.IsDiverged, ended, began);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                End();
                throw new TrainingFailedException(e);
            }
            catch
            {
                End();
                throw;
            }
        });

        var next = NextAsync();
        // The attempt record is written while the slot opens the trial and trains its first epoch (the lease is the
        // durable record of the attempt; this is its history): every later write waits for it first.
        var recorded = state.WriteWithRecoveryAsync(this, logger);
        try
        {
            var s = state.State;
            while (true)
            {
                var step = await next;
                await recorded;                                    // long done by now; one write at a time
                if (step.Restored is { } restored)
                {
                    s.History = [.. restored];
                    s.Parameters = step.Parameters;
                    UpdateAttempt(a => a with { StartedAt = step.Began ?? a.StartedAt, EpochAtStart = restored.Count, EpochAtEnd = restored.Count });
                }
                if (step.Epoch is { } epoch)
                {
                    s.History.Add(epoch);
                    UpdateAttempt(a => a with { EpochAtEnd = epoch.Epoch });
                }
                if (step.Ended)
                {
                    // One write for the last epoch and the outcome, which the commit reports: no progress report of its own.
                    s.Outcome = TrialOutcome.Trained(s.History, s.Parameters, step.Diverged);
                    s.Status = s.Outcome.Status;
                    metrics.TrialFinished(lease, s.Outcome);
                    UpdateAttempt(a => a with { EndedAt = clock.GetUtcNow() });
                    await state.WriteWithRecoveryAsync(this, logger);
                    return;
                }
                next = NextAsync();
                await state.WriteWithRecoveryAsync(this, logger);
                if (!await ToCoordinatorAsync("Progress report", lease, () => sweep.ReportProgress(lease.Ref, step.Epoch!)))
                    throw new OperationCanceledException("the lease is no longer current");
            }
        }
        finally
        {
            await recorded.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
            if (!ended) await slot.Thread.Run(() => { End(); return true; });
        }
    }

    /// <summary>Commits the outcome at the coordinator; transient failures are retried, a rejection ends quietly.</summary>
    private async Task CommitAsync(ISweepGrain sweep, TrialLease lease)
    {
        var reply = await ToCoordinatorAsync("Commit", lease, () => sweep.Complete(lease.Ref, state.State.Outcome!));
        if (reply == CommitReply.Rejected) return;
        // Not written on its own: a trial reactivated without it just commits again (AlreadyCommitted).
        state.State.Committed = true;
    }

    /// <summary>
    /// A call to the coordinator, retried while it may be moving to another silo (its silo stopping, or dead and not yet
    /// declared so) or failing a storage write, for up to the lease timeout: by then the coordinator has given the lease
    /// up anyway. Every call it makes here is idempotent, so a retry of one that landed is harmless.
    /// </summary>
    private async Task<T> ToCoordinatorAsync<T>(string what, TrialLease lease, Func<Task<T>> call)
    {
        var started = clock.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var delay = TimeSpan.FromMilliseconds(Math.Min(100 * attempt, MaxCoordinatorBackoff.TotalMilliseconds));
            try
            {
                return await call();
            }
            catch (Exception e) when (clock.GetElapsedTime(started) + delay < lease.LeaseTimeout)
            {
                logger.LogWarning("{What} of {Trial} failed (attempt {Attempt}): {Error}", what, this.GetPrimaryKeyString(), attempt, e.Message);
                await Task.Delay(delay);
            }
        }
    }

    private Task ToCoordinatorAsync(string what, TrialLease lease, Func<Task> call) =>
        ToCoordinatorAsync(what, lease, async () => { await call(); return true; });

    private async Task EndAttemptAsync(string? error)
    {
        if (!state.State.Status.IsTerminal()) state.State.Status = TrialStatus.Queued;
        UpdateAttempt(a => a with { EndedAt = clock.GetUtcNow(), Error = error });
        await TryAsync(() => state.WriteWithRecoveryAsync(this, logger));
    }

    private void UpdateAttempt(Func<AttemptRecord, AttemptRecord> change)
    {
        var attempts = state.State.Attempts;
        if (attempts.Count > 0) attempts[^1] = change(attempts[^1]);
    }

    private async Task TryAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e)
        {
            // The coordinator's lease expiry covers anything that could not be reported.
            logger.LogWarning("Trial {Trial}: {Error}", this.GetPrimaryKeyString(), e.Message);
        }
    }

    private async Task StopLoopAsync()
    {
        _stop?.Cancel();
        if (_loop is { } loop) await loop.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>An exception from training itself (the session on the slot's thread), not from the cluster around it.</summary>
    private sealed class TrainingFailedException(Exception inner) : Exception(inner.Message, inner);

    /// <summary>What one work item hands back from the slot's thread: the epochs the session restored and when it began
    /// (first item only), the epoch it trained, and whether the training is over.</summary>
    private sealed record EpochStep(IReadOnlyList<EpochMetrics>? Restored, long Parameters, EpochMetrics? Epoch, bool Diverged, bool Ended,
        DateTimeOffset? Began);
}
