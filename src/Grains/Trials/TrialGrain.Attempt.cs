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
            await TryAsync(() => ToCoordinatorAsync("Release", () => sweep.Release(lease.Ref, null)));
        }
        catch (Exception e)
        {
            logger.LogWarning("Trial {Trial} attempt {Attempt} failed: {Error}", lease.Ref.TrialKey, lease.Ref.Attempt, e.Message);
            await EndAttemptAsync(e.Message);
            await TryAsync(() => ToCoordinatorAsync("Release", () => sweep.Release(lease.Ref, e.Message)));
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
        var training = new SlotTraining(slot, lease,
            () => runner.Open(lease.Config, lease.Options, directory, slots.Options.EffectiveThreads), metrics);
        var first = training.NextAsync(stop);
        // The attempt record is written while the slot opens the trial and trains its first epoch (the lease is
        // the durable record of the attempt; this is its history): every later write waits for it first.
        var recorded = state.WriteWithRecoveryAsync(this, logger);
        try
        {
            await TrainAsync(first, training, lease, sweep, recorded, stop);
        }
        finally
        {
            await recorded.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
            await training.EndAsync();
        }
    }

    /// <summary>
    /// Epochs until done or diverged, each written, then reported. The step that ends the training has already
    /// freed the slot, so the next trial's compute overlaps this one's writes and commit.
    /// </summary>
    private async Task TrainAsync(Task<EpochStep> first, SlotTraining training, TrialLease lease, ISweepGrain sweep,
        Task recorded, CancellationToken stop)
    {
        var s = state.State;
        for (var next = first; ; next = training.NextAsync(stop))
        {
            var step = await next;
            await recorded;                                  // long done by now; one write at a time
            if (step.Opened is { } opened)
            {
                // The checkpoint is the truth: epochs recorded here but not checkpointed will be replayed identically.
                s.History = opened.History.ToList();
                s.Parameters = opened.Parameters;
                UpdateAttempt(a => a with { EpochAtStart = opened.History.Count, EpochAtEnd = opened.History.Count });
            }
            if (step.Epoch is { } epoch)
            {
                s.History.Add(epoch);
                UpdateAttempt(a => a with { EpochAtEnd = epoch.Epoch });
            }
            if (step.Ended)
            {
                SetOutcome(lease, step.Diverged);            // one write for the last epoch and the outcome,
                await state.WriteWithRecoveryAsync(this, logger);
                return;                                      // which the commit reports: no progress report of its own
            }
            await state.WriteWithRecoveryAsync(this, logger);
            if (!await ToCoordinatorAsync("Progress report", () => sweep.ReportProgress(lease.Ref, step.Epoch!)))
                throw new OperationCanceledException("the lease is no longer current");
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
        var reply = await ToCoordinatorAsync("Commit", () => sweep.Complete(lease, state.State.Outcome!));
        if (reply == CommitReply.Rejected) return;
        // Not written on its own: a trial reactivated without it just commits again (AlreadyCommitted).
        state.State.Committed = true;
    }

    /// <summary>
    /// A call to the coordinator, retried for a few seconds: it may be moving to another silo (its silo stopping or
    /// dead) or failing a storage write. Every call it makes here is idempotent, so a retry of one that landed is harmless.
    /// </summary>
    private async Task<T> ToCoordinatorAsync<T>(string what, Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (attempt < CoordinatorAttempts)
            {
                logger.LogWarning("{What} of {Trial} failed (attempt {Attempt}): {Error}", what, this.GetPrimaryKeyString(), attempt, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            }
        }
    }

    private Task ToCoordinatorAsync(string what, Func<Task> call) => ToCoordinatorAsync(what, async () => { await call(); return true; });

    private const int CoordinatorAttempts = 10;   // 100 ms, 200 ms, ...: about 4.5 s in all

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
