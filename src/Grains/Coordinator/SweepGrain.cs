using Microsoft.Extensions.DependencyInjection;
using OrleansSweep.Grains.Persistence;
using OrleansSweep.Grains.Specs;

namespace OrleansSweep.Grains.Coordinator;

/// <summary>
/// The coordinator of one sweep (key: the spec's name). It derives trials from the spec lazily, hands out leases to
/// slots that pull work, commits each trial's outcome exactly once and keeps it, and answers status and results pages
/// from its own state. Reentrant so that many slots' calls share one group-committed write; every mutation happens
/// synchronously before the await on that write, so interleaving is safe. A reminder keeps it alive (and brings it
/// back after its silo dies) until the sweep has ended.
/// </summary>
[Reentrant]
public sealed class SweepGrain(
    [PersistentState("sweep", StorageNames.Sweeps)] IPersistentState<SweepState> state,
    [PersistentState("sweep-trials", StorageNames.Sweeps)] IPersistentState<SweepTrialsState> trials,
    IClusterMembershipService membership,
    ISweepObserver observer,
    ILocalSiloDetails silo,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<SweepGrain> logger) : Grain, ISweepGrain, IRemindable
{
    private const string KeepAliveReminder = "keep-alive";

    /// <summary>Outcomes journalled in the main state before they go to their result pages: few, since each is a few
    /// hundred bytes and the main state is written on every acknowledged call.</summary>
    private const int ResultsFoldEvery = 32;

    /// <summary>The most trials one results call returns.</summary>
    private const int MaxPage = 10_000;

    /// <summary>
    /// Finished trials journalled in the main state before they are folded into the per-trial status snapshot: ~1/400
    /// of the sweep (32 to 1,024), so the snapshot costs ~1 KB per finished trial at any size while the journal keeps
    /// the main state's writes small.
    /// </summary>
    private long FoldEvery => Math.Clamp(state.State.TrialCount / 400, 32, 1024);

    private readonly Throughput _throughput = new(clock.GetUtcNow());
    private GroupCommit _commit = null!;
    private ResultPages _results = null!;
    private SweepLedger? _ledger;
    private TrialGrid? _grid;

    private string SweepId => this.GetPrimaryKeyString();
    private DateTimeOffset Now => clock.GetUtcNow();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _commit = new GroupCommit(WriteAsync);
        _results = new ResultPages(services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Sweeps), this.GetGrainId());
        if (state.State.Spec is { } spec)
        {
            _grid = new TrialGrid(spec);
            _ledger = SweepLedger.Load(state.State, trials.State, SweepPolicy.Of(spec), ArmOf, Now);
            // Before the call that activated this coordinator (often a claim) is served: leases of silos that died meanwhile
            // go back first, so their trials are claimed before new ones. Written with that call's write.
            ExpireLeases();
        }
        this.RegisterGrainTimer(ExpireLeasesAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.FromSeconds(1), Period = TimeSpan.FromSeconds(1), Interleave = true,
        });
        return Task.CompletedTask;
    }

    public async Task<SweepStartReply> Start(SweepSpec spec)
    {
        if (state.State.Spec is { } existing)
        {
            await _commit.EnsureDurableAsync();
            if (existing == spec) return new SweepStartReply(true, true, state.State.TrialCount, null);
            if (existing with { Epochs = spec.Epochs } != spec)
                return new SweepStartReply(false, true, state.State.TrialCount,
                    $"a different spec is already registered under the name '{SweepId}'", "name");
            return await RaiseEpochsAsync(existing, spec);
        }
        if (spec.Name != SweepId)
            return new SweepStartReply(false, false, 0, $"spec name '{spec.Name}' does not match sweep id '{SweepId}'");

        _grid = new TrialGrid(spec);
        state.State = new SweepState { Spec = spec, Phase = SweepPhase.Running, CreatedAt = Now, TrialCount = _grid.Count };
        _ledger = SweepLedger.New(state.State, SweepPolicy.Of(spec), ArmOf);
        _throughput.Restart(Now);
        await SnapshotTrialsAsync();
        await _commit.SaveAsync();
        await this.RegisterOrUpdateReminder(KeepAliveReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await PublishPhaseAsync();
        logger.LogInformation("Sweep {SweepId} started with {Trials} trials", SweepId, _grid.Count);
        return new SweepStartReply(true, false, _grid.Count, null);
    }

    /// <summary>
    /// The same spec with more epochs: a completed sweep trains on. Its completed trials are queued again and each
    /// continues from its last checkpoint (the trial grain sees the lease's epochs above its outcome's). Diverged and
    /// failed trials stay as they are. The status snapshot is written first: should the main state's write fail, the
    /// same request raises them again.
    /// </summary>
    private async Task<SweepStartReply> RaiseEpochsAsync(SweepSpec existing, SweepSpec spec)
    {
        var s = state.State;
        if (spec.Epochs < existing.Epochs)
            return new SweepStartReply(false, true, s.TrialCount,
                $"sweep '{SweepId}' trains {existing.Epochs} epochs; they can be raised (to train on), not lowered", "epochs");
        if (s.Phase != SweepPhase.Completed)
            return new SweepStartReply(false, true, s.TrialCount,
                $"sweep '{SweepId}' is {s.Phase.ToString().ToLowerInvariant()}; its epochs can be raised once it has completed", "epochs");
        long reopened;
        try
        {
            var outcomes = new Dictionary<long, TrialOutcome>(await _results.ReadAsync(0, s.TrialCount));
            foreach (var pending in s.Results) outcomes[pending.Index] = pending.Outcome;
            reopened = _ledger!.ReopenCompleted();
            foreach (var (index, outcome) in outcomes) _ledger.RecountArm(index, outcome);
            s.Spec = spec;
            var folded = s.Finished.Count;
            await SnapshotTrialsAsync();          // still completed meanwhile: nothing is claimed or committed
            s.Finished.RemoveRange(0, folded);    // folded into the snapshot just written
        }
        catch
        {
            DeactivateOnIdle();                   // memory is ahead of storage: the next call reloads
            throw;
        }
        s.Phase = SweepPhase.Running;
        _throughput.Restart(Now);
        await _commit.SaveAsync();
        await this.RegisterOrUpdateReminder(KeepAliveReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await PublishPhaseAsync();
        logger.LogInformation("Sweep {SweepId}: epochs raised from {From} to {To}; {Trials} completed trials train on",
            SweepId, existing.Epochs, spec.Epochs, reopened);
        return new SweepStartReply(true, true, s.TrialCount, null, Reopened: reopened);
    }

    public Task<TrialLease?> Claim(SlotRef slot) => Claim(slot, Guid.NewGuid(), ahead: false);

    public async Task<TrialLease?> Claim(SlotRef slot, Guid claim, bool ahead)
    {
        if (_ledger is null || _grid is null) return null;
        if (_ledger.Granted(claim) is { } granted)
        {
            // A retry: the first call's reply was lost. Acknowledge the lease once it is durable.
            await _commit.EnsureDurableAsync();
            return LeaseOf(granted.Index, granted.Attempt);
        }
        if (state.State.Phase != SweepPhase.Running) return null;
        var started = clock.GetTimestamp();
        if (_ledger.Claim(slot, Now, claim, ahead) is not { } lease) return null;
        await _commit.SaveAsync();
        observer.TrialClaimed(SweepId, clock.GetElapsedTime(started));
        return LeaseOf(lease.Index, lease.Attempt);
    }

    private TrialLease LeaseOf(long index, int attempt)
    {
        var spec = state.State.Spec!;
        var config = _grid!.At(index);
        var options = new TrialRunOptions(spec.Epochs, spec.Data.DirectoryFor(config.Dataset), spec.Data.Subset, spec.Seed);
        return new TrialLease(new LeaseRef(SweepId, index, attempt), config, options, SweepPolicy.Of(spec).LeaseTimeout);
    }

    /// <summary>
    /// Not awaited to durability: a heartbeat only moves expiry times, which the next write persists. So a storage
    /// outage longer than the lease timeout does not expire the leases of healthy silos; after a coordinator crash,
    /// leases at worst expire early and their trials resume from checkpoints.
    /// </summary>
    public Task<IReadOnlyList<long>> Heartbeat(SlotRef slot, IReadOnlyList<LeaseRef> leases)
    {
        IReadOnlyList<long> stop = _ledger is null ? leases.Select(l => l.TrialIndex).ToList() : _ledger.Heartbeat(leases, Now);
        return Task.FromResult(stop);
    }

    public async Task<bool> ReportProgress(LeaseRef lease, EpochMetrics epoch)
    {
        if (_ledger is null) return false;
        var current = _ledger.Progress(lease, epoch, Now);
        await _commit.SaveAsync();
        observer.ProgressReported(SweepId, current);
        return current;
    }

    public async Task<CommitReply> Complete(LeaseRef lease, TrialOutcome outcome)
    {
        if (_ledger is null) return CommitReply.Rejected;
        var reply = _ledger.Complete(lease, outcome);
        if (reply != CommitReply.Committed)
        {
            // A retry of a commit whose write failed finds it AlreadyCommitted in memory: make it durable first.
            await _commit.EnsureDurableAsync();
            return reply;
        }
        _throughput.Record(Now);
        observer.TrialCommitted(SweepId, lease.TrialIndex, lease.Attempt, outcome);
        var finished = FinishIfDone();
        await _commit.SaveAsync();
        if (finished) await AnnounceEndAsync();
        return reply;
    }

    public async Task Release(LeaseRef lease, string? error)
    {
        if (_ledger is null) return;
        _ledger.Release(lease, error, Now);
        var finished = FinishIfDone();
        await _commit.SaveAsync();
        if (finished) await AnnounceEndAsync();
    }

    public async Task ReturnUnstarted(LeaseRef lease)
    {
        if (_ledger is null) return;
        _ledger.ReturnUnstarted(lease, Now);
        await _commit.SaveAsync();
    }

    public async Task Cancel()
    {
        if (_ledger is null || state.State.Phase is SweepPhase.Cancelled or SweepPhase.Completed)
        {
            await _commit.EnsureDurableAsync();   // a retry after a failed write: acknowledge only durable state
            return;
        }
        var running = _ledger.RequestStopAll(SweepId);
        _ledger.CancelAll();
        state.State.Phase = SweepPhase.Cancelled;
        await _commit.SaveAsync();
        await StopTrialsAsync(running, StopReason.Cancelled);
        await EndKeepAliveAsync();
        await PublishPhaseAsync();
    }

    public async Task Pause()
    {
        if (_ledger is null || state.State.Phase != SweepPhase.Running)
        {
            await _commit.EnsureDurableAsync();
            return;
        }
        state.State.Phase = SweepPhase.Paused;
        var running = _ledger.RequestStopAll(SweepId);
        await _commit.SaveAsync();
        await StopTrialsAsync(running, StopReason.Paused);
        await PublishPhaseAsync();
    }

    public async Task Resume()
    {
        if (_ledger is null || state.State.Phase != SweepPhase.Paused)
        {
            await _commit.EnsureDurableAsync();
            return;
        }
        state.State.Phase = SweepPhase.Running;
        _ledger.ResumeAfterPause();
        _throughput.Restart(Now);
        await _commit.SaveAsync();
        await PublishPhaseAsync();
    }

    public Task<SweepStatus> GetStatus()
    {
        var s = state.State;
        var counts = Enum.GetValues<TrialStatus>().ToDictionary(t => t, t => _ledger?.Count(t) ?? 0);
        var claimed = s.Leases.Values.Count(l => l.Ahead);
        // Running = training now: one lease per slot. A slot that moved on to its next trial leaves the one before
        // committing its result for a moment (that lease ends with the commit); it is counted in no state meanwhile.
        counts[TrialStatus.Running] = s.Leases.Values.Where(l => !l.Ahead).Select(l => l.Slot).Distinct().Count();
        var finished = counts.Where(kv => kv.Key.IsTerminal()).Sum(kv => kv.Value);
        var rate = _throughput.PerHour(Now);
        TimeSpan? eta = rate is { } perHour ? TimeSpan.FromHours((s.TrialCount - finished) / perHour) : null;
        var arms = s.Arms.OrderBy(kv => kv.Key)
            .Select(kv => new ArmSummary(kv.Key, kv.Value.Finished, kv.Value.BestValLoss, kv.Value.BestTrial,
                kv.Value.Scored > 0 ? kv.Value.SumValLoss / kv.Value.Scored : double.NaN))
            .ToList();
        var running = s.Leases.OrderBy(kv => kv.Key)
            .Select(kv => new RunningTrial(kv.Key, kv.Value.Attempt, kv.Value.Slot, kv.Value.EpochsDone, kv.Value.LastValLoss, kv.Value.Device, kv.Value.Ahead))
            .ToList();
        return Task.FromResult(new SweepStatus(SweepId, s.Phase, s.TrialCount, counts,
            s.TrialCount == 0 ? 0 : (double)finished / s.TrialCount, rate ?? 0, eta, arms, running, s.RetryCount, s.LeaseExpiryCount,
            silo.SiloAddress.ToParsableString(), s.InterruptionCount, claimed));
    }

    public Task<SweepSpec?> GetSpec() => Task.FromResult(state.State.Spec);

    /// <summary>A page of trials from this coordinator's state alone: configuration (derived), status, attempts,
    /// interruptions and the kept outcome. No trial grain is activated.</summary>
    public async Task<TrialSummaryPage> GetResults(long offset, int count)
    {
        if (_ledger is null || _grid is null) return new TrialSummaryPage(offset, 0, []);
        var total = state.State.TrialCount;
        var end = Math.Min(total, offset + Math.Clamp(count, 0, MaxPage));
        if (offset < 0 || offset >= end) return new TrialSummaryPage(offset, total, []);
        var outcomes = new Dictionary<long, TrialOutcome>(await _results.ReadAsync(offset, end));
        foreach (var pending in state.State.Results.Where(r => r.Index >= offset && r.Index < end)) outcomes[pending.Index] = pending.Outcome;
        var items = new List<TrialSummary>((int)(end - offset));
        for (var i = offset; i < end; i++)
        {
            var status = _ledger.StatusOf(i);
            items.Add(new TrialSummary(i, _grid.At(i), status, _ledger.AttemptsOf(i),
                status.IsTerminal() ? outcomes.GetValueOrDefault(i) : null, _ledger.InterruptionsOf(i)));
        }
        return new TrialSummaryPage(offset, total, items);
    }

    public async Task<IReadOnlyDictionary<long, IReadOnlyList<EpochMetrics>>> GetHistories(IReadOnlyList<long> trials)
    {
        if (trials.Count > ISweepGrain.MaxHistories)
            throw new ArgumentException($"trials: {trials.Count} at once is more than {ISweepGrain.MaxHistories}");
        var total = state.State.TrialCount;
        var histories = new Dictionary<long, IReadOnlyList<EpochMetrics>>();
        foreach (var batch in trials.Where(i => i >= 0 && i < total).Distinct().Chunk(32))
        {
            var snapshots = await Task.WhenAll(batch.Select(i => GrainFactory.GetGrain<ITrialGrain>(LeaseRef.TrialKeyOf(SweepId, i)).GetSnapshot()));
            for (var k = 0; k < batch.Length; k++) histories[batch[k]] = snapshots[k].History;
        }
        return histories;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        state.State.Phase is SweepPhase.Completed or SweepPhase.Cancelled ? AnnounceEndAsync() : ExpireLeasesAsync(CancellationToken.None);

    /// <summary>
    /// The group commit's write: outcomes to their result pages and statuses to their snapshot when their journals are
    /// long, then the main state. A journal entry leaves the main state only after what it was folded into is written.
    /// </summary>
    private async Task WriteAsync()
    {
        if (state.State.Results.Count >= ResultsFoldEvery)
        {
            var written = state.State.Results.Count;   // later entries stay: they arrived during the page writes
            await _results.PutAsync(state.State.Results.Take(written).ToList());
            state.State.Results.RemoveRange(0, written);
        }
        if (state.State.Finished.Count >= FoldEvery)
        {
            var folded = state.State.Finished.Count;
            await SnapshotTrialsAsync();
            state.State.Finished.RemoveRange(0, folded);
        }
        await state.WriteWithRecoveryAsync(this, logger);
    }

    private Task SnapshotTrialsAsync()
    {
        trials.State.Statuses = _ledger!.Statuses;
        trials.State.Attempts = _ledger.LeaseCounts;
        trials.State.Extensions = _ledger.Extensions;
        return trials.WriteWithRecoveryAsync(this, logger);
    }

    private string ArmOf(long index)
    {
        var config = _grid!.At(index);
        return $"{config.Dataset}/{config.Architecture}";
    }

    private async Task ExpireLeasesAsync(CancellationToken cancellationToken)
    {
        observer.StatusSampled(await GetStatus());
        if (ExpireLeases() > 0) await _commit.SaveAsync();
    }

    /// <summary>Leases past their expiry or of dead silos go back to the queue; the caller writes.</summary>
    private int ExpireLeases()
    {
        if (_ledger is null || state.State.Phase is not (SweepPhase.Running or SweepPhase.Paused)) return 0;
        var expired = _ledger.ExpireLeases(Now, SiloIsDead, SweepId);
        if (expired.Count == 0) return 0;
        observer.LeasesExpired(SweepId, expired.Count);
        // One line per lease (the chaos gate reads them): an expiry costs the epoch in flight, so it is worth a warning.
        foreach (var (lease, slot, siloDead) in expired)
            logger.LogWarning("Sweep {SweepId}: lease of trial {Trial} attempt {Attempt} on slot {Slot} expired ({Reason}); queued again",
                SweepId, lease.TrialIndex, lease.Attempt, slot, siloDead ? "its silo is dead" : "no heartbeat");
        return expired.Count;
    }

    private bool SiloIsDead(string silo)
    {
        var address = SiloAddress.FromParsableString(silo);
        var members = membership.CurrentSnapshot.Members;
        return members.TryGetValue(address, out var member) ? member.Status == SiloStatus.Dead : members.Count > 0;
    }

    /// <summary>Marks the sweep Completed when every trial has ended. The caller writes, then announces.</summary>
    private bool FinishIfDone()
    {
        if (state.State.Phase != SweepPhase.Running || !_ledger!.AllTerminal) return false;
        state.State.Phase = SweepPhase.Completed;
        logger.LogInformation("Sweep {SweepId} completed", SweepId);
        return true;
    }

    /// <summary>
    /// After the end is durable: the keep-alive reminder off, the registry told. Side effects only, so a failure here
    /// never costs a commit (a later reminder tick repeats them).
    /// </summary>
    private async Task AnnounceEndAsync()
    {
        await EndKeepAliveAsync();
        await PublishPhaseAsync();
    }

    private async Task EndKeepAliveAsync()
    {
        if (await this.GetReminder(KeepAliveReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }

    private async Task PublishPhaseAsync()
    {
        // A sweep that runs is announced to every silo's idle slots by the registry.
        await GrainFactory.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key)
            .Upsert(new SweepEntry(SweepId, state.State.Phase, state.State.TrialCount, state.State.CreatedAt));
    }

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
