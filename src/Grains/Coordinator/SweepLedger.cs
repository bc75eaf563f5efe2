namespace OrleansSweep.Grains.Coordinator;

/// <summary>
/// The coordinator's bookkeeping over <see cref="SweepState"/>, free of Orleans so it can be tested directly: every
/// trial's status and lease count (two bytes a trial, in memory), claims, leases and their expiry, fencing by attempt
/// number, exactly-once commits, retries, and the journal of results. Every operation is O(1) in the number of trials,
/// or O(running trials); only terminal transitions are journalled (the rest is derivable from leases, retries and the
/// cursor).
/// </summary>
public sealed class SweepLedger
{
    private readonly SweepState state;
    private readonly SweepPolicy policy;
    private readonly Func<long, string> armOf;
    private readonly long[] _counts;

    private SweepLedger(SweepState state, byte[] statuses, byte[] attempts, SweepPolicy policy, Func<long, string> armOf)
    {
        (this.state, Statuses, Attempts, this.policy, this.armOf) = (state, statuses, attempts, policy, armOf);
        _counts = new long[Enum.GetValues<TrialStatus>().Length];
        foreach (var b in statuses) _counts[b]++;
    }

    public SweepState State => state;

    /// <summary>Every trial's status byte; persisted in <see cref="SweepTrialsState"/> (terminal ones are what count).</summary>
    public byte[] Statuses { get; }

    /// <summary>Every trial's lease count (its attempt number), at most 255.</summary>
    public byte[] Attempts { get; }

    /// <summary>A new sweep: every trial queued.</summary>
    public static SweepLedger New(SweepState state, SweepPolicy policy, Func<long, string> armOf) =>
        new(state, new byte[state.TrialCount], new byte[state.TrialCount], policy, armOf);

    /// <summary>
    /// Rebuilds every trial's status on activation: terminal ones from the snapshot and the journal, running ones from
    /// the leases, queued ones from the retry queue and the cursor; so a snapshot written just before a crash (ahead of
    /// the main state) or one that is stale both load consistently.
    /// </summary>
    public static SweepLedger Load(SweepState main, SweepTrialsState snapshot, SweepPolicy policy, Func<long, string> armOf)
    {
        var statuses = Sized(snapshot.Statuses, main.TrialCount);
        var attempts = Sized(snapshot.Attempts, main.TrialCount);
        bool IsTerminal(long i) => ((TrialStatus)statuses[i]).IsTerminal();
        void RaiseAttempts(long i, int n) => attempts[i] = (byte)Math.Max(attempts[i], Math.Min(n, 255));

        for (long i = 0; i < statuses.LongLength; i++)
            if (!IsTerminal(i)) statuses[i] = (byte)TrialStatus.Queued;
        foreach (var done in main.Finished)
        {
            statuses[done.Index] = (byte)done.Status;
            RaiseAttempts(done.Index, done.Attempts);
        }
        foreach (var (i, lease) in main.Leases.ToList())
        {
            if (IsTerminal(i)) { main.Leases.Remove(i); continue; }
            statuses[i] = (byte)TrialStatus.Running;
            RaiseAttempts(i, lease.Attempt);
        }
        main.Retries.RemoveAll(r => IsTerminal(r.Index) || main.Leases.ContainsKey(r.Index));
        foreach (var retry in main.Retries) RaiseAttempts(retry.Index, retry.Attempt);

        // Self-healing: a claimed trial that is neither finished, running nor queued for retry goes back.
        var queued = main.Retries.Select(r => r.Index).ToHashSet();
        for (long i = 0; i < Math.Min(main.Cursor, statuses.LongLength); i++)
            if (statuses[i] == (byte)TrialStatus.Queued && !queued.Contains(i))
                main.Retries.Add(new RetryEntry(i, DateTimeOffset.MinValue, attempts[i]));

        if (main.Phase == SweepPhase.Cancelled)
            for (long i = 0; i < statuses.LongLength; i++)
                if (!IsTerminal(i)) statuses[i] = (byte)TrialStatus.Cancelled;
        return new SweepLedger(main, statuses, attempts, policy, armOf);
    }

    public long Count(TrialStatus status) => _counts[(int)status];
    public bool AllTerminal => _counts[(int)TrialStatus.Queued] == 0 && _counts[(int)TrialStatus.Running] == 0;
    public TrialStatus StatusOf(long index) => (TrialStatus)Statuses[index];
    public int AttemptsOf(long index) => Attempts[index];

    /// <summary>Hands the next claimable trial to <paramref name="slot"/>: retries that are due first, then new trials.</summary>
    public (long Index, int Attempt)? Claim(SlotRef slot, DateTimeOffset now)
    {
        if (NextClaimable(now) is not { } i) return null;
        var attempt = ++Attempts[i];
        SetStatus(i, TrialStatus.Running);
        state.Leases[i] = new LeaseState
        {
            Attempt = attempt, Slot = slot.ToString(), Silo = slot.Silo, Device = slot.Device,
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

    /// <summary>Commits a terminal outcome exactly once, keeping it; a report from a superseded attempt is rejected.</summary>
    public CommitReply Complete(LeaseRef lease, TrialOutcome outcome)
    {
        if (!outcome.Status.IsTerminal()) throw new ArgumentException($"outcome status {outcome.Status} is not terminal");
        var i = lease.TrialIndex;
        if (StatusOf(i).IsTerminal()) return CommitReply.AlreadyCommitted;
        if (CurrentLease(lease) is null) return CommitReply.Rejected;
        state.Leases.Remove(i);
        Finish(i, outcome);
        if (outcome.Status is TrialStatus.Completed or TrialStatus.Diverged) RecordArm(i, outcome);
        return CommitReply.Committed;
    }

    /// <summary>
    /// A lease comes back unfinished. With an error it counts against maxAttempts (then the trial fails); without one
    /// (pause, graceful shutdown) the trial just goes back to the queue.
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
    /// Every trial that has not ended becomes Cancelled (running ones are stopped by the caller). Not journalled: the
    /// sweep's Cancelled phase makes the same true on load.
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
        if (Attempts[i] >= SweepPolicy.MaxLeases) { Fail(i, $"gave up after {SweepPolicy.MaxLeases} leases"); return; }
        SetStatus(i, TrialStatus.Queued);
        state.Retries.Add(new RetryEntry(i, notBefore, Attempts[i]));
    }

    private void Fail(long i, string error) => Finish(i, new TrialOutcome(TrialStatus.Failed, 0, null, double.NaN, 0, error));

    /// <summary>A terminal status journalled for the next snapshot, its outcome for the next result page.</summary>
    private void Finish(long i, TrialOutcome outcome)
    {
        SetStatus(i, outcome.Status);
        state.Finished.Add(new FinishedTrial(i, outcome.Status, Attempts[i]));
        state.Results.Add(new PendingResult(i, outcome));
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
        _counts[Statuses[i]]--;
        Statuses[i] = (byte)status;
        _counts[(int)status]++;
    }

    private static byte[] Sized(byte[] persisted, long length)
    {
        if (persisted.LongLength == length) return persisted;
        var sized = new byte[length];
        Array.Copy(persisted, sized, Math.Min(persisted.LongLength, length));
        return sized;
    }
}

/// <summary>The spec's retry and lease settings, as the coordinator applies them.</summary>
public sealed record SweepPolicy(int MaxAttempts, TimeSpan Backoff, TimeSpan LeaseTimeout)
{
    /// <summary>Leases that expire (a silo died) do not count against maxAttempts, but a trial that keeps taking silos
    /// down must end: after this many leases in all it fails.</summary>
    public const int MaxLeases = 255;

    public static SweepPolicy Of(SweepSpec spec) => new(
        spec.Retry.MaxAttempts, TimeSpan.FromSeconds(spec.Retry.BackoffSeconds), TimeSpan.FromSeconds(spec.LeaseTimeoutSeconds));

    /// <summary>Exponential backoff: 1×, 2×, 4×… the base delay for the first, second, third failure.</summary>
    public TimeSpan BackoffAfter(int failures) =>
        TimeSpan.FromTicks(Backoff.Ticks * (1L << Math.Clamp(failures - 1, 0, 10)));
}
