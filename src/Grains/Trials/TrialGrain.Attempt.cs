using OrleansSweep.Grains.Persistence;
using OrleansSweep.Grains.Slots;

namespace OrleansSweep.Grains.Trials;

/// <summary>One attempt: open (restoring the checkpoint), epochs, outcome, commit; or hand the lease back.</summary>
public sealed partial class TrialGrain
{
    private async Task RunAttemptAsync(TrialLease lease, Slot slot, CancellationToken stop)
    {
        // Leave Run() first: this loop lives on the grain scheduler but must not hold the Run call.
        await Task.Yield();
        var sweep = GrainFactory.GetGrain<ISweepGrain>(lease.Ref.SweepId);
        try
        {
            if (state.State.Outcome is null) await TrainOnSlotAsync(lease, slot, sweep, stop);
            slot.Release(lease.Ref);                       // (already free after training) the commit needs no slot
            await CommitAsync(sweep, lease.Ref);
        }
        catch (OperationCanceledException)
        {
            await EndAttemptAsync(null);
            await TryAsync(() => sweep.Release(lease.Ref, null));
        }
        catch (Exception e)
        {
            logger.LogWarning("Trial {Trial} attempt {Attempt} failed: {Error}", lease.Ref.TrialKey, lease.Ref.Attempt, e.Message);
            await EndAttemptAsync(e.Message);
            await TryAsync(() => sweep.Release(lease.Ref, e.Message));
        }
        finally
        {
            metrics.AttemptEnded(lease.Ref);
            slot.Release(lease.Ref);
            DelayDeactivation(TimeSpan.Zero);
        }
    }

    private async Task TrainOnSlotAsync(TrialLease lease, Slot slot, ISweepGrain sweep, CancellationToken stop)
    {
        var directory = Path.Combine(slots.Options.CheckpointDirectory, lease.Ref.SweepId, lease.Ref.TrialIndex.ToString());
        var opening = slot.Thread.Run(() => runner.Open(lease.Config, lease.Options, directory, slots.Options.EffectiveThreads));
        // The attempt record is written while the slot opens the trial and trains its first epoch (the lease is
        // the durable record of the attempt; this is its history): every later write waits for it first.
        var recorded = state.WriteWithRecoveryAsync(this, logger);
        ITrialExecution execution;
        try
        {
            execution = await opening;
        }
        catch
        {
            await recorded.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
        var (freed, disposed) = (false, false);
        async Task FreeSlotAsync()
        {
            if (freed) return;
            freed = true;
            if (!disposed) await slot.Thread.Run(() => { execution.Dispose(); return true; });
            metrics.AttemptEnded(lease.Ref);   // its running-trial series go with the slot, so they never outnumber slots
            slot.Release(lease.Ref);
        }
        // One work item per epoch. The one that ends the training also releases the model, so no second trip to the
        // slot's thread stands between the last epoch and the slot's next trial.
        Task<EpochRun> RunEpochAsync(bool last) => slot.Thread.Run(() =>
        {
            var run = new EpochRun(execution.RunEpoch(stop), execution.IsDiverged, execution.LastCheckpoint);
            if (last || run.Diverged)
            {
                execution.Dispose();
                disposed = true;
            }
            return run;
        });
        try
        {
            await TrainAsync(execution, lease, sweep, recorded, RunEpochAsync, FreeSlotAsync);
        }
        finally
        {
            await recorded.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
            await FreeSlotAsync();
        }
    }

    /// <summary>
    /// Epochs until done or diverged. After the last one the slot is freed (<paramref name="freeSlot"/>) before
    /// the bookkeeping that follows, so the next trial's compute overlaps this one's writes and commit.
    /// </summary>
    private async Task TrainAsync(ITrialExecution execution, TrialLease lease, ISweepGrain sweep,
        Task recorded, Func<bool, Task<EpochRun>> runEpoch, Func<Task> freeSlot)
    {
        // The checkpoint is the truth: epochs recorded here but not checkpointed will be replayed identically.
        var s = state.State;
        s.History = execution.History.ToList();
        s.Parameters = execution.Parameters;
        UpdateAttempt(a => a with { EpochAtStart = execution.History.Count, EpochAtEnd = execution.History.Count });
        var diverged = execution.IsDiverged;
        while (!diverged && s.History.Count < lease.Options.Epochs)
        {
            var (epoch, epochDiverged, checkpoint) = await runEpoch(s.History.Count + 1 >= lease.Options.Epochs);
            await recorded;                                  // long done by now; one write at a time
            diverged = epochDiverged;
            metrics.EpochCompleted(lease, epoch, checkpoint);
            s.History.Add(epoch);
            UpdateAttempt(a => a with { EpochAtEnd = epoch.Epoch });
            if (diverged || epoch.Epoch >= lease.Options.Epochs)
            {
                await freeSlot();
                SetOutcome(lease, diverged);                 // one write for the last epoch and the outcome
            }
            await state.WriteWithRecoveryAsync(this, logger);
            if (!await sweep.ReportProgress(lease.Ref, epoch))
                throw new OperationCanceledException("the lease is no longer current");
        }
        if (s.Outcome is null)                               // restored a finished (or diverged) checkpoint
        {
            await recorded;
            await freeSlot();
            SetOutcome(lease, diverged);
            await state.WriteWithRecoveryAsync(this, logger);
        }
    }

    private void SetOutcome(TrialLease lease, bool diverged)
    {
        var s = state.State;
        var status = diverged ? TrialStatus.Diverged : TrialStatus.Completed;
        var best = s.History.Select(h => h.ValLoss).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Min();
        s.Outcome = new TrialOutcome(status, s.History.Count, s.History.LastOrDefault(), best, s.Parameters, null);
        s.Status = status;
        metrics.TrialFinished(lease, s.Outcome);
        UpdateAttempt(a => a with { EndedAt = clock.GetUtcNow() });
    }

    /// <summary>Commits the outcome at the coordinator; transient failures are retried, a rejection ends quietly.</summary>
    private async Task CommitAsync(ISweepGrain sweep, LeaseRef lease)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var reply = await sweep.Complete(lease, state.State.Outcome!);
                if (reply == CommitReply.Rejected) return;
                // Not written on its own: a trial reactivated without it just commits again (AlreadyCommitted).
                state.State.Committed = true;
                return;
            }
            catch (Exception e) when (attempt < 10)
            {
                logger.LogWarning("Commit of {Trial} failed (attempt {Attempt}): {Error}", lease.TrialKey, attempt, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            }
        }
    }

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
}

/// <summary>What one epoch work item hands back from the slot's thread (read there, before the model may be released).</summary>
internal readonly record struct EpochRun(EpochReport Report, bool Diverged, Metrics.CheckpointWrite? Checkpoint);
