using OrleansSweep.Grains.Persistence;

namespace OrleansSweep.Grains.Coordinator;

/// <summary>
/// Every sweep and its phase. Small (one entry per sweep), written on each phase change. A sweep that starts or
/// resumes is announced to the watching silos' slots at once, so a silo other than the coordinator's does not wait
/// for its next poll of this list (up to <c>Slots:PollInterval</c>) to start training.
/// </summary>
public sealed class SweepRegistryGrain(
    [PersistentState("registry", StorageNames.Sweeps)] IPersistentState<SweepRegistryState> state,
    TimeProvider clock,
    ILogger<SweepRegistryGrain> logger)
    : Grain, ISweepRegistryGrain
{
    /// <summary>A watcher not renewed for this long is dropped (its silo is gone, or has no idle slot to wake).</summary>
    private static readonly TimeSpan WatchFor = TimeSpan.FromMinutes(1);

    // Not state: watchers renew themselves on every read of the list, also after this grain moves.
    private readonly Dictionary<ISweepWatcher, DateTimeOffset> _watchers = [];

    public async Task Upsert(SweepEntry entry)
    {
        if (state.State.Sweeps.TryGetValue(entry.SweepId, out var existing) && existing == entry) return;
        state.State.Sweeps[entry.SweepId] = entry;
        await state.WriteWithRecoveryAsync(this, logger);
        if (entry.Phase == SweepPhase.Running) Announce(entry.SweepId);
    }

    public Task<IReadOnlyList<SweepEntry>> List() =>
        Task.FromResult<IReadOnlyList<SweepEntry>>(state.State.Sweeps.Values.OrderBy(e => e.CreatedAt).ToList());

    public Task<IReadOnlyList<SweepEntry>> ListAndWatch(ISweepWatcher watcher)
    {
        _watchers[watcher] = clock.GetUtcNow() + WatchFor;
        return List();
    }

    private void Announce(string sweepId)
    {
        var now = clock.GetUtcNow();
        foreach (var (watcher, until) in _watchers.ToList())
        {
            if (until < now) _watchers.Remove(watcher);
            else _ = watcher.SweepRunning(sweepId);   // one-way: a silo that went away costs nothing here
        }
    }
}

public sealed class SweepRegistryState
{
    public Dictionary<string, SweepEntry> Sweeps { get; set; } = [];
}
