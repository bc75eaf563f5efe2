using OrleansSweep.Grains.Persistence;

namespace OrleansSweep.Grains.Coordinator;

/// <summary>Every sweep and its phase. Small (one entry per sweep), written on each phase change.</summary>
public sealed class SweepRegistryGrain(
    [PersistentState("registry", StorageNames.Sweeps)] IPersistentState<SweepRegistryState> state,
    ILogger<SweepRegistryGrain> logger)
    : Grain, ISweepRegistryGrain
{
    public async Task Upsert(SweepEntry entry)
    {
        if (state.State.Sweeps.TryGetValue(entry.SweepId, out var existing) && existing == entry) return;
        state.State.Sweeps[entry.SweepId] = entry;
        await state.WriteWithRecoveryAsync(this, logger);
    }

    public Task<IReadOnlyList<SweepEntry>> List() =>
        Task.FromResult<IReadOnlyList<SweepEntry>>(state.State.Sweeps.Values.OrderBy(e => e.CreatedAt).ToList());
}

public sealed class SweepRegistryState
{
    public Dictionary<string, SweepEntry> Sweeps { get; set; } = [];
}
