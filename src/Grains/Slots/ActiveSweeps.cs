namespace OrleansSweep.Grains.Slots;

/// <summary>
/// The running sweeps, read from the registry and cached briefly so idle slots don't hammer it. A
/// coordinator on this silo that starts or resumes a sweep calls <see cref="Changed"/>, which wakes this
/// silo's idle slots at once; other silos notice within their poll interval. While the registry is out of reach
/// (its silo just died), the last list read stands: it is only a hint, since a coordinator whose sweep no longer
/// runs grants no lease.
/// </summary>
public sealed class ActiveSweeps(IGrainFactory grains, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMilliseconds(250);
    private IReadOnlyList<string> _running = [];
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    private TaskCompletionSource _change = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<IReadOnlyList<string>> RunningAsync()
    {
        if (clock.GetUtcNow() - _readAt < CacheFor) return _running;
        IReadOnlyList<SweepEntry> all;
        try
        {
            all = await grains.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).List();
        }
        catch (Exception) when (_running.Count > 0)
        {
            return _running;
        }
        _running = all.Where(e => e.Phase == SweepPhase.Running).Select(e => e.SweepId).ToList();
        _readAt = clock.GetUtcNow();
        return _running;
    }

    public void Changed()
    {
        _readAt = DateTimeOffset.MinValue;
        Interlocked.Exchange(ref _change, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Waits for <paramref name="interval"/> or until a sweep starts or resumes on this silo.</summary>
    public Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken) =>
        Task.WhenAny(_change.Task, Task.Delay(interval, cancellationToken)).Unwrap();
}
