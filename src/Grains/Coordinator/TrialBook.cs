using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Grains.Coordinator;

/// <summary>
/// The coordinator's bookkeeping over <see cref="SweepState"/> and the <see cref="TrialTable"/>, free of
/// Orleans so it can be tested directly: claims, leases and their expiry, fencing by attempt number,
/// exactly-once commits, retries. Every operation is O(1) in the number of trials, or O(running trials);
/// only terminal transitions are journalled (the rest is derivable from leases, retries and the cursor).
/// </summary>
public sealed class TrialBook(SweepState state, TrialTable table, SweepPolicy policy, Func<long, string> armOf)
{
    private readonly long[] _counts = CountStatuses(table);

    public SweepState State => state;
    public TrialTable Table => table;
    public long Count(TrialStatus status) => _counts[(int)status];
    public bool AllTerminal => _counts[(int)TrialStatus.Queued] == 0 && _counts[(int)TrialStatus.Running] == 0;
    public TrialStatus StatusOf(long index) => table.StatusOf(index);
    public int AttemptsOf(long index) => table.Attempts[index];

    /// <summary>Hands the next claimable trial to <paramref name="slot"/>: retries that are due first, then new trials.</summary>
    public (long Index, int Attempt)? Claim(SlotRef slot, DateTimeOffset now)
    {
        var index = NextClaimable(now);
        if (index is null) return null;
        var i = index.Value;
        var attempt = ++table.Attempts[i];
        SetStatus(i, TrialStatus.Running);
        state.Leases[i] = new LeaseState
        {
            Attempt = attempt, Slot = slot.ToString(), Silo = slot.Silo,
            StartedAt = now, ExpiresAt = now + policy.LeaseTimeout,
        };
        return (i, attempt);
    }

    /// <summary>Extends current leases; returns the trial indices whose lease is gone or must stop.</summary>
    public List<long> Heartbeat(IEnumerable<LeaseRef> leases, DateTimeOffset now)
    {
        var stop = new List<long>();
        foreach (var lease in leases)
        {
            if (CurrentLease(lease) is { StopRequested: false } current) current.ExpiresAt = now + policy.LeaseTimeout;
            else stop.Add(lease.TrialIndex);
        }
        return stop;
    }

    public bool Progress(LeaseRef lease, EpochMetrics epoch, DateTimeOffset now)
    {
        if (CurrentLease(lease) is not { } current) return false;
        current.EpochsDone = Math.Max(current.EpochsDone, epoch.Epoch);
        current.LastValLoss = epoch.ValLoss;
        current.ExpiresAt = now + policy.LeaseTimeout;
        return !current.StopRequested;
    }

    /// <summary>Commits a terminal outcome exactly once; a report from a superseded attempt is rejected.</summary>
    public CommitReply Complete(LeaseRef lease, TrialOutcome outcome)
    {
        if (!outcome.Status.IsTerminal()) throw new ArgumentException($"outcome status {outcome.Status} is not terminal");
        var i = lease.TrialIndex;
        if (StatusOf(i).IsTerminal()) return CommitReply.AlreadyCommitted;
        if (CurrentLease(lease) is null) return CommitReply.Rejected;
        state.Leases.Remove(i);
        Finish(i, outcome.Status);
        if (outcome.Status == TrialStatus.Failed && outcome.Error is { } error) state.Errors[i] = error;
        if (outcome.Status is TrialStatus.Completed or TrialStatus.Diverged) RecordArm(i, outcome);
        return CommitReply.Committed;
    }

    /// <summary>
    /// A lease comes back unfinished. With an error it counts against maxAttempts (then the trial
    /// fails); without one (pause, graceful shutdown) the trial just goes back to the queue.
    /// </summary>
    public void Release(LeaseRef lease, string? error, DateTimeOffset now)
    {
        if (CurrentLease(lease) is null) return;
        var i = lease.TrialIndex;
        state.Leases.Remove(i);
        if (error is null) { Requeue(i, now); return; }
        var failures = state.Failures[i] = state.Failures.GetValueOrDefault(i) + 1;
        if (failures >= policy.MaxAttempts) Fail(i, error);
        else { state.RetryCount++; Requeue(i, now + policy.BackoffAfter(failures)); }
    }

    /// <summary>Leases past their expiry, or held by a silo known to be dead, go back to the queue.</summary>
    public List<LeaseRef> ExpireLeases(DateTimeOffset now, Func<string, bool> siloIsDead, string sweepId)
    {
        var expired = new List<LeaseRef>();
        foreach (var (i, lease) in state.Leases)
            if (lease.ExpiresAt <= now || siloIsDead(lease.Silo)) expired.Add(new LeaseRef(sweepId, i, lease.Attempt));
        foreach (var lease in expired)
        {
            state.Leases.Remove(lease.TrialIndex);
            state.LeaseExpiryCount++;
            Requeue(lease.TrialIndex, now);
        }
        return expired;
    }

    /// <summary>Marks running leases as to-stop (pause, cancel) and returns them.</summary>
    public List<LeaseRef> RequestStopAll(string sweepId)
    {
        foreach (var lease in state.Leases.Values) lease.StopRequested = true;
        return state.Leases.Select(kv => new LeaseRef(sweepId, kv.Key, kv.Value.Attempt)).ToList();
    }

    /// <summary>
    /// Every trial that has not ended becomes Cancelled (running ones are stopped by the caller). Not
    /// journalled: the sweep's Cancelled phase makes the same true on load.
    /// </summary>
    public void CancelAll()
    {
        for (long i = 0; i < state.TrialCount; i++)
            if (!StatusOf(i).IsTerminal()) SetStatus(i, TrialStatus.Cancelled);
        state.Leases.Clear();
        state.Retries.Clear();
        state.Cursor = state.TrialCount;
    }

    public void ResumeAfterPause()
    {
        foreach (var lease in state.Leases.Values) lease.StopRequested = false;
    }

    private long? NextClaimable(DateTimeOffset now)
    {
        for (var r = 0; r < state.Retries.Count; r++)
        {
            if (state.Retries[r].NotBefore > now) continue;
            var index = state.Retries[r].Index;
            state.Retries.RemoveAt(r);
            return index;
        }
        while (state.Cursor < state.TrialCount)
        {
            var index = state.Cursor++;
            if (StatusOf(index) == TrialStatus.Queued) return index;
        }
        return null;
    }

    private void Requeue(long i, DateTimeOffset notBefore)
    {
        if (table.Attempts[i] >= SweepPolicy.MaxLeases) { Fail(i, $"gave up after {SweepPolicy.MaxLeases} leases"); return; }
        SetStatus(i, TrialStatus.Queued);
        state.Retries.Add(new RetryEntry(i, notBefore, table.Attempts[i]));
    }

    private void Fail(long i, string error)
    {
        Finish(i, TrialStatus.Failed);
        state.Errors[i] = error;
    }

    private void Finish(long i, TrialStatus status)
    {
        SetStatus(i, status);
        state.Finished.Add(new FinishedTrial(i, status, table.Attempts[i]));
    }

    private LeaseState? CurrentLease(LeaseRef lease) =>
        state.Leases.TryGetValue(lease.TrialIndex, out var current) && current.Attempt == lease.Attempt ? current : null;

    private void RecordArm(long i, TrialOutcome outcome)
    {
        var arm = armOf(i);
        if (!state.Arms.TryGetValue(arm, out var stats)) state.Arms[arm] = stats = new ArmStats();
        stats.Finished++;
        if (double.IsFinite(outcome.BestValLoss))
        {
            stats.Scored++;
            stats.SumValLoss += outcome.BestValLoss;
            if (outcome.BestValLoss < stats.BestValLoss) (stats.BestValLoss, stats.BestTrial) = (outcome.BestValLoss, i);
        }
    }

    private void SetStatus(long i, TrialStatus status)
    {
        _counts[table.Statuses[i]]--;
        table.Statuses[i] = (byte)status;
        _counts[(int)status]++;
    }

    private static long[] CountStatuses(TrialTable table)
    {
        var counts = new long[6];
        foreach (var b in table.Statuses) counts[b]++;
        return counts;
    }
}
