namespace OrleansSweep.Grains.Slots;

/// <summary>
/// The running sweeps, read from the registry and cached briefly so idle slots don't hammer it. Reading them also
/// (re)registers this silo as a watcher: the registry announces a sweep that starts or resumes anywhere in the
/// cluster, which wakes this silo's idle slots at once instead of at their next poll. While the registry is out of
/// reach (its silo just died), the last list read stands: it is only a hint, since a coordinator whose sweep no longer
/// runs grants no lease.
/// </summary>
public sealed class ActiveSweeps(IGrainFactory grains, TimeProvider clock) : ISweepWatcher
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMilliseconds(250);
    private IReadOnlyList<string> _running = [];
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    private TaskCompletionSource _change = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ISweepWatcher? _reference;   // this object as the registry reaches it (the registry holds it strongly: so do we)

    public async Task<IReadOnlyList<string>> RunningAsync()
    {
        if (clock.GetUtcNow() - _readAt < CacheFor) return _running;
        _reference ??= grains.CreateObjectReference<ISweepWatcher>(this);
        IReadOnlyList<SweepEntry> all;
        try
        {
            all = await grains.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).ListAndWatch(_reference);
        }
        catch (Exception) when (_running.Count > 0)
        {
            return _running;
        }
        _running = all.Where(e => e.Phase == SweepPhase.Running).Select(e => e.SweepId).ToList();
        _readAt = clock.GetUtcNow();
        return _running;
    }

    public Task SweepRunning(string sweepId)
    {
        _readAt = DateTimeOffset.MinValue;
        Interlocked.Exchange(ref _change, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return Task.CompletedTask;
    }

    /// <summary>Waits for <paramref name="interval"/> or until a sweep starts or resumes.</summary>
    public Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken) =>
        Task.WhenAny(_change.Task, Task.Delay(interval, cancellationToken)).Unwrap();
}
