namespace OrleansSweep.Grains.Slots;

/// <summary>The running sweeps, read from the registry and cached briefly so idle slots don't hammer it.</summary>
public sealed class ActiveSweeps(IGrainFactory grains, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);
    private IReadOnlyList<string> _running = [];
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public async Task<IReadOnlyList<string>> RunningAsync()
    {
        if (clock.GetUtcNow() - _readAt < CacheFor) return _running;
        var all = await grains.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).List();
        _running = all.Where(e => e.Phase == SweepPhase.Running).Select(e => e.SweepId).ToList();
        _readAt = clock.GetUtcNow();
        return _running;
    }
}
