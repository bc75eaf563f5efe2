using Microsoft.Extensions.DependencyInjection;
using OrleansSweep.Grains.Persistence;
using OrleansSweep.Grains.Slots;
using OrleansSweep.Grains.Specs;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Grains.Coordinator;

/// <summary>
/// The coordinator of one sweep. Reentrant so that many slots' calls share one group-committed write;
/// every mutation happens synchronously before the await on that write, so interleaving is safe.
/// A reminder keeps it alive (and brings it back after its silo dies) until the sweep has ended.
/// </summary>
[Reentrant]
public sealed partial class SweepGrain(
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

    /// <summary>
    /// Finished trials journalled in the main state before they are folded into the per-trial snapshot:
    /// ~1/400 of the sweep (32 to 1,024), so the snapshot costs ~1 KB per finished trial at any size while
    /// the journal keeps the main state's writes small.
    /// </summary>
    private long FoldEvery => Math.Clamp(state.State.TrialCount / 400, 32, 1024);

    private readonly Throughput _throughput = new(clock.GetUtcNow());
    private GroupCommit _commit = null!;
    private TrialBook? _book;
    private TrialGrid? _grid;

    private string SweepId => this.GetPrimaryKeyString();
    private DateTimeOffset Now => clock.GetUtcNow();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _commit = new GroupCommit(WriteAsync);
        if (state.State.Spec is { } spec) Load(spec, TrialTable.Load(state.State, trials.State));
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
            return existing == spec
                ? new SweepStartReply(true, true, state.State.TrialCount, null)
                : new SweepStartReply(false, true, state.State.TrialCount,
                    $"a different spec is already registered under the name '{SweepId}'");
        }
        if (spec.Name != SweepId)
            return new SweepStartReply(false, false, 0, $"spec name '{spec.Name}' does not match sweep id '{SweepId}'");

        var grid = new TrialGrid(spec);
        state.State = new SweepState { Spec = spec, Phase = SweepPhase.Running, CreatedAt = Now, TrialCount = grid.Count };
        Load(spec, TrialTable.New(grid.Count));
        _throughput.Restart(Now);
        await SnapshotTrialsAsync();
        await _commit.SaveAsync();
        await this.RegisterOrUpdateReminder(KeepAliveReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await PublishPhaseAsync();
        logger.LogInformation("Sweep {SweepId} started with {Trials} trials", SweepId, grid.Count);
        return new SweepStartReply(true, false, grid.Count, null);
    }

    public async Task<TrialLease?> Claim(SlotRef slot)
    {
        if (_book is null || _grid is null || state.State.Phase != SweepPhase.Running) return null;
        var started = clock.GetTimestamp();
        if (_book.Claim(slot, Now) is not { } claim) return null;
        var (index, attempt) = claim;
        await _commit.SaveAsync();
        observer.TrialClaimed(SweepId, clock.GetElapsedTime(started));
        var spec = state.State.Spec!;
        var config = _grid.At(index);
        var options = new TrialRunOptions(spec.Epochs, spec.Data.DirectoryFor(config.Dataset), spec.Data.Subset, spec.Seed);
        return new TrialLease(new LeaseRef(SweepId, index, attempt), config, options, Policy(spec).LeaseTimeout);
    }

    /// <summary>
    /// Not awaited to durability: a heartbeat only moves expiry times, which the next write persists. So a
    /// storage outage longer than the lease timeout does not expire the leases of healthy silos; after a
    /// coordinator crash, leases at worst expire early and their trials resume from checkpoints.
    /// </summary>
    public Task<IReadOnlyList<long>> Heartbeat(SlotRef slot, IReadOnlyList<LeaseRef> leases)
    {
        IReadOnlyList<long> stop = _book is null ? leases.Select(l => l.TrialIndex).ToList() : _book.Heartbeat(leases, Now);
        return Task.FromResult(stop);
    }

    public async Task<bool> ReportProgress(LeaseRef lease, EpochMetrics epoch)
    {
        if (_book is null) return false;
        var current = _book.Progress(lease, epoch, Now);
        await _commit.SaveAsync();
        observer.ProgressReported(SweepId, current);
        return current;
    }

    public async Task<CommitReply> Complete(LeaseRef lease, TrialOutcome outcome)
    {
        if (_book is null) return CommitReply.Rejected;
        var reply = _book.Complete(lease, outcome);
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
        if (_book is null) return;
        _book.Release(lease, error, Now);
        var finished = FinishIfDone();
        await _commit.SaveAsync();
        if (finished) await AnnounceEndAsync();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        state.State.Phase is SweepPhase.Completed or SweepPhase.Cancelled ? AnnounceEndAsync() : ExpireLeasesAsync(CancellationToken.None);

    private void Load(SweepSpec spec, TrialTable table)
    {
        _grid = new TrialGrid(spec);
        _book = new TrialBook(state.State, table, Policy(spec), ArmOf);
    }

    /// <summary>The group commit's write: fold the journal into the snapshot when it is long, then the main state.</summary>
    private async Task WriteAsync()
    {
        if (state.State.Finished.Count >= FoldEvery)
        {
            var folded = state.State.Finished.Count;     // later entries stay: the snapshot may or may not hold them
            await SnapshotTrialsAsync();
            state.State.Finished.RemoveRange(0, folded);
        }
        await state.WriteWithRecoveryAsync(this, logger);
    }

    private Task SnapshotTrialsAsync()
    {
        trials.State.Statuses = _book!.Table.Statuses;
        trials.State.Attempts = _book.Table.Attempts;
        return trials.WriteWithRecoveryAsync(this, logger);
    }

    private string ArmOf(long index)
    {
        var config = _grid!.At(index);
        return $"{config.Dataset}/{config.Architecture}";
    }

    private static SweepPolicy Policy(SweepSpec spec) => new(
        spec.Retry.MaxAttempts, TimeSpan.FromSeconds(spec.Retry.BackoffSeconds), TimeSpan.FromSeconds(spec.LeaseTimeoutSeconds));

    private async Task ExpireLeasesAsync(CancellationToken cancellationToken)
    {
        observer.StatusSampled(await GetStatus());
        if (_book is null || state.State.Phase is not (SweepPhase.Running or SweepPhase.Paused)) return;
        var expired = _book.ExpireLeases(Now, SiloIsDead, SweepId);
        if (expired.Count == 0) return;
        observer.LeasesExpired(SweepId, expired.Count);
        logger.LogInformation("Sweep {SweepId}: {Count} lease(s) expired and went back to the queue", SweepId, expired.Count);
        await _commit.SaveAsync();
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
        if (state.State.Phase != SweepPhase.Running || !_book!.AllTerminal) return false;
        state.State.Phase = SweepPhase.Completed;
        logger.LogInformation("Sweep {SweepId} completed", SweepId);
        return true;
    }

    /// <summary>
    /// After the end is durable: the keep-alive reminder off, the registry told. Side effects only, so a failure
    /// here never costs a commit (a later reminder tick repeats them).
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
        await GrainFactory.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key)
            .Upsert(new SweepEntry(SweepId, state.State.Phase, state.State.TrialCount, state.State.CreatedAt));
        // Wake this silo's idle slots now (silos without slots have no ActiveSweeps).
        if (state.State.Phase == SweepPhase.Running) services.GetService<ActiveSweeps>()?.Changed();
    }
}
