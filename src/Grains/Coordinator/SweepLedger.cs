namespace OrleansSweep.Grains.Coordinator;

/// <summary>
/// The coordinator's bookkeeping over <see cref="SweepState"/>, free of Orleans so it can be tested directly: every
/// trial's status and lease count (two bytes a trial, in memory), claims, leases and their expiry, fencing by attempt
/// number, exactly-once commits, retries, and the journal of results. Every operation is O(1) in the number of trials,
/// or O(running trials); only terminal transitions are journalled (the rest is derivable from leases, retries and the
/// cursor).
/// <para>
/// Each lease of a trial ends in one of three ways: the trial fails (an exception from training: a failure, counted
/// against maxAttempts), the trial finishes (its outcome is committed), or neither (an interruption: a pause, a cancel,
/// a draining silo, a lease that expired or whose silo died, a lease the cluster could not start). So a trial's
/// leases = its attempts + its interruptions, where attempts = its failures + the attempt that finished it or runs it
/// (<see cref="AttemptsOf"/>); both follow from the lease count, the failures and the status, which are durable.
/// </para>
/// </summary>
public sealed class SweepLedger
{
    private readonly SweepState state;
    private readonly SweepPolicy policy;
    private readonly Func<long, string> armOf;
    private readonly long[] _counts;

    private SweepLedger(SweepState state, byte[] statuses, byte[] leaseCounts, byte[] extensions, SweepPolicy policy, Func<long, string> armOf)
    {
        (this.state, Statuses, LeaseCounts, Extensions, this.policy, this.armOf) = (state, statuses, leaseCounts, extensions, policy, armOf);
        _counts = new long[Enum.GetValues<TrialStatus>().Length];
        foreach (var b in statuses) _counts[b]++;
    }

    public SweepState State => state;

    /// <summary>Every trial's status byte; persisted in <see cref="SweepTrialsState"/> (terminal ones are what count).</summary>
    public byte[] Statuses { get; }

    /// <summary>Every trial's lease count, which is also its latest lease's attempt number (fencing), at most 255;
    /// persisted as <see cref="SweepTrialsState.Attempts"/>.</summary>
    public byte[] LeaseCounts { get; }

    /// <summary>Every trial's count of epoch raises that sent it, finished, back to train on (<see cref="ReopenCompleted"/>);
    /// persisted as <see cref="SweepTrialsState.Extensions"/>.</summary>
    public byte[] Extensions { get; }

    /// <summary>A new sweep: every trial queued.</summary>
    public static SweepLedger New(SweepState state, SweepPolicy policy, Func<long, string> armOf) =>
        new(state, new byte[state.TrialCount], new byte[state.TrialCount], new byte[state.TrialCount], policy, armOf);

    /// <summary>
    /// Rebuilds every trial's status on activation: terminal ones from the snapshot and the journal, running ones from
    /// the leases, queued ones from the retry queue and the cursor; so a snapshot written just before a crash (ahead of
    /// the main state) or one that is stale both load consistently. Running leases get a full lease timeout from
    /// <paramref name="now"/>: heartbeats are not written, so the stored expiry may be long past for a healthy slot
    /// (an epoch longer than the lease timeout); a lease of a dead silo still goes at once (membership).
    /// </summary>
    public static SweepLedger Load(SweepState main, SweepTrialsState snapshot, SweepPolicy policy, Func<long, string> armOf, DateTimeOffset now)
    {
        var statuses = Sized(snapshot.Statuses, main.TrialCount);
        var leases = Sized(snapshot.Attempts, main.TrialCount);
        var extensions = Sized(snapshot.Extensions, main.TrialCount);
        bool IsTerminal(long i) => ((TrialStatus)statuses[i]).IsTerminal();
        void RaiseLeases(long i, int n) => leases[i] = (byte)Math.Max(leases[i], Math.Min(n, 255));

        for (long i = 0; i < statuses.LongLength; i++)
            if (!IsTerminal(i)) statuses[i] = (byte)TrialStatus.Queued;
        foreach (var done in main.Finished)
        {
            statuses[done.Index] = (byte)done.Status;
            RaiseLeases(done.Index, done.Attempts);
        }
        foreach (var (i, lease) in main.Leases.ToList())
        {
            if (IsTerminal(i)) { main.Leases.Remove(i); continue; }
            statuses[i] = (byte)TrialStatus.Running;
            RaiseLeases(i, lease.Attempt);
            if (lease.ExpiresAt < now + policy.LeaseTimeout) lease.ExpiresAt = now + policy.LeaseTimeout;
        }
        main.Retries.RemoveAll(r => IsTerminal(r.Index) || main.Leases.ContainsKey(r.Index));
        foreach (var retry in main.Retries) RaiseLeases(retry.Index, retry.Attempt);

        // Self-healing: a claimed trial that is neither finished, running nor queued for retry goes back.
        var queued = main.Retries.Select(r => r.Index).ToHashSet();
        for (long i = 0; i < Math.Min(main.Cursor, statuses.LongLength); i++)
            if (statuses[i] == (byte)TrialStatus.Queued && !queued.Contains(i))
                main.Retries.Add(new RetryEntry(i, DateTimeOffset.MinValue, leases[i]));

        if (main.Phase == SweepPhase.Cancelled)
            for (long i = 0; i < statuses.LongLength; i++)
                if (!IsTerminal(i)) statuses[i] = (byte)TrialStatus.Cancelled;
        return new SweepLedger(main, statuses, leases, extensions, policy, armOf);
    }

    public long Count(TrialStatus status) => _counts[(int)status];
    public bool AllTerminal => _counts[(int)TrialStatus.Queued] == 0 && _counts[(int)TrialStatus.Running] == 0;
    public TrialStatus StatusOf(long index) => (TrialStatus)Statuses[index];

    /// <summary>The trial's own failures (exceptions from training), the attempts that completed it before its epochs were
    /// raised, and the attempt that finished it (completed, diverged) or runs it; a failed trial's last failure is the
    /// attempt that ended it.</summary>
    public int AttemptsOf(long index) =>
        state.Failures.GetValueOrDefault(index) + Extensions[index]
        + (StatusOf(index) is TrialStatus.Running or TrialStatus.Completed or TrialStatus.Diverged ? 1 : 0);

    /// <summary>The trial's leases that ended without it failing or finishing: pauses, cancels, drains, expiries, dead
    /// silos, leases the cluster could not start.</summary>
    public int InterruptionsOf(long index) => Math.Max(0, LeaseCounts[index] - AttemptsOf(index));

    /// <summary>
    /// Hands the next claimable trial to <paramref name="slot"/>: retries that are due first, then new trials.
    /// <paramref name="claim"/> names the request, so that a retry of it finds the lease it granted (<see cref="Granted"/>);
    /// <paramref name="ahead"/> marks a lease claimed by a slot still busy (<see cref="LeaseState.Ahead"/>).
    /// </summary>
    public (long Index, int Attempt)? Claim(SlotRef slot, DateTimeOffset now, Guid? claim = null, bool ahead = false)
    {
        if (NextClaimable(now) is not { } i) return null;
        var attempt = ++LeaseCounts[i];
        SetStatus(i, TrialStatus.Running);
        state.Leases[i] = new LeaseState
        {
            Attempt = attempt, Slot = slot.ToString(), Silo = slot.Silo, Device = slot.Device,
            StartedAt = now, ExpiresAt = now + policy.LeaseTimeout, Claim = claim, Ahead = ahead,
        };
        return (i, attempt);
    }

    /// <summary>The running lease a claim granted, if any: its reply may never have reached the slot, which asks again.</summary>
    public (long Index, int Attempt)? Granted(Guid claim)
    {
        foreach (var (i, lease) in state.Leases)
            if (lease.Claim == claim) return (i, lease.Attempt);
        return null;
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
        current.Ahead = false;
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
        EndLease(i);
        Finish(i, outcome);
        if (outcome.Status is TrialStatus.Completed or TrialStatus.Diverged) RecordArm(i, outcome);
        return CommitReply.Committed;
    }

    /// <summary>
    /// A lease comes back unfinished. With an error (training threw) it is a failure and counts against maxAttempts
    /// (then the trial fails); without one (pause, drain, a lease the cluster could not start) it is an interruption
    /// and the trial goes back to the queue at once.
    /// </summary>
    public void Release(LeaseRef lease, string? error, DateTimeOffset now)
    {
        if (CurrentLease(lease) is null) return;
        var i = lease.TrialIndex;
        EndLease(i);
        if (error is null) { Interrupt(i, now); return; }
        var failures = state.Failures[i] = state.Failures.GetValueOrDefault(i) + 1;
        if (failures >= policy.MaxAttempts) Fail(i, error);
        else { state.RetryCount++; Requeue(i, now + policy.BackoffAfter(failures)); }
    }

    /// <summary>
    /// A slot could not start this lease because of the cluster (the trial's silo or directory entry out of reach, no
    /// placement): an interruption. The trial is claimable again after <see cref="SweepPolicy.UnstartedDelay"/>, so the
    /// next claims take other trials rather than hand one whose grain cannot be reached from slot to slot.
    /// </summary>
    public void ReturnUnstarted(LeaseRef lease, DateTimeOffset now)
    {
        if (CurrentLease(lease) is null) return;
        EndLease(lease.TrialIndex);
        Interrupt(lease.TrialIndex, now + SweepPolicy.UnstartedDelay);
    }

    /// <summary>Leases past their expiry, or held by a silo known to be dead, go back to the queue.</summary>
    public List<ExpiredLease> ExpireLeases(DateTimeOffset now, Func<string, bool> siloIsDead, string sweepId)
    {
        var expired = new List<ExpiredLease>();
        foreach (var (i, lease) in state.Leases)
        {
            var dead = siloIsDead(lease.Silo);
            if (dead || lease.ExpiresAt <= now) expired.Add(new ExpiredLease(new LeaseRef(sweepId, i, lease.Attempt), lease.Slot, dead));
        }
        foreach (var (lease, _, _) in expired)
        {
            EndLease(lease.TrialIndex);
            state.LeaseExpiryCount++;
            Interrupt(lease.TrialIndex, now);
        }
        return expired;
    }

    /// <summary>
    /// The epochs of a completed sweep were raised: every completed trial is queued again, to train on from its last
    /// checkpoint (diverged and failed ones stay as they are), in index order from a cursor set back to the start; its
    /// journalled status and outcome go, and so do the arms' figures, which the caller rebuilds from the trials still
    /// finished. The caller writes the status snapshot before the main state. Returns how many were reopened.
    /// </summary>
    public long ReopenCompleted()
    {
        long reopened = 0;
        for (long i = 0; i < state.TrialCount; i++)
        {
            if (StatusOf(i) != TrialStatus.Completed) continue;
            SetStatus(i, TrialStatus.Queued);
            Extensions[i] = (byte)Math.Min(Extensions[i] + 1, 255);
            reopened++;
        }
        state.Finished.RemoveAll(f => StatusOf(f.Index) == TrialStatus.Queued);
        state.Results.RemoveAll(r => StatusOf(r.Index) == TrialStatus.Queued);
        state.Retries.Clear();   // none in a completed sweep; a queued trial is claimed from the cursor, once
        state.Cursor = 0;
        state.Arms.Clear();
        return reopened;
    }

    /// <summary>Counts a finished trial's outcome in its arm's figures again (after <see cref="ReopenCompleted"/>).</summary>
    public void RecountArm(long index, TrialOutcome outcome)
    {
        if (StatusOf(index) is TrialStatus.Completed or TrialStatus.Diverged) RecordArm(index, outcome);
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
        state.InterruptionCount += state.Leases.Count;
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

    /// <summary>A lease ends; a lease its slot claimed ahead is then the one that slot trains.</summary>
    private void EndLease(long i)
    {
        if (!state.Leases.Remove(i, out var ended)) return;
        foreach (var lease in state.Leases.Values)
            if (lease.Ahead && lease.Slot == ended.Slot) lease.Ahead = false;
    }

    /// <summary>A lease ended without the trial failing or finishing: no attempt spent, the trial queued again.</summary>
    private void Interrupt(long i, DateTimeOffset notBefore)
    {
        state.InterruptionCount++;
        Requeue(i, notBefore);
    }

    private void Requeue(long i, DateTimeOffset notBefore)
    {
        if (LeaseCounts[i] >= SweepPolicy.MaxLeases) { Fail(i, $"gave up after {SweepPolicy.MaxLeases} leases"); return; }
        SetStatus(i, TrialStatus.Queued);
        state.Retries.Add(new RetryEntry(i, notBefore, LeaseCounts[i]));
    }

    private void Fail(long i, string error) => Finish(i, new TrialOutcome(TrialStatus.Failed, 0, null, double.NaN, 0, error));

    /// <summary>A terminal status journalled for the next snapshot, its outcome for the next result page.</summary>
    private void Finish(long i, TrialOutcome outcome)
    {
        SetStatus(i, outcome.Status);
        state.Finished.Add(new FinishedTrial(i, outcome.Status, LeaseCounts[i]));
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

/// <summary>A lease that expired: where it was, and whether its silo was dead (else it went without heartbeats).</summary>
public sealed record ExpiredLease(LeaseRef Lease, string Slot, bool SiloDead);

/// <summary>The spec's retry and lease settings, as the coordinator applies them.</summary>
public sealed record SweepPolicy(int MaxAttempts, TimeSpan Backoff, TimeSpan LeaseTimeout)
{
    /// <summary>Interruptions (a silo died, a pause) do not count against maxAttempts, but a trial that keeps taking
    /// silos down must end: after this many leases in all it fails.</summary>
    public const int MaxLeases = 255;

    /// <summary>How long a trial whose lease could not be started waits before it is claimable again: about the time a
    /// cluster needs to declare a dead silo dead (docs/operations.md, membership).</summary>
    public static readonly TimeSpan UnstartedDelay = TimeSpan.FromSeconds(2);

    public static SweepPolicy Of(SweepSpec spec) => new(
        spec.Retry.MaxAttempts, TimeSpan.FromSeconds(spec.Retry.BackoffSeconds), TimeSpan.FromSeconds(spec.LeaseTimeoutSeconds));

    /// <summary>Exponential backoff: 1×, 2×, 4×… the base delay for the first, second, third failure.</summary>
    public TimeSpan BackoffAfter(int failures) =>
        TimeSpan.FromTicks(Backoff.Ticks * (1L << Math.Clamp(failures - 1, 0, 10)));
}
