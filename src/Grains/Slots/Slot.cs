namespace OrleansSweep.Grains.Slots;

/// <summary>
/// One training slot of this silo: its thread, and the lease it currently serves. The slot worker
/// occupies it with a lease; the trial grain runs work on it and releases it when the attempt ends.
/// </summary>
public sealed class Slot(int id, SlotRef reference) : IDisposable
{
    private readonly object _gate = new();
    private CancellationTokenSource _stop = new();
    private TaskCompletionSource _released = Done();

    public int Id => id;
    public SlotRef Ref => reference;
    public DedicatedThread Thread { get; } = new($"slot-{id}");
    public TrialLease? Lease { get; private set; }

    /// <summary>Cancelled when the coordinator revokes the lease or the silo stops.</summary>
    public CancellationToken StopToken { get { lock (_gate) return _stop.Token; } }

    public Task WhenReleased { get { lock (_gate) return _released.Task; } }

    public void Occupy(TrialLease lease)
    {
        lock (_gate)
        {
            Lease = lease;
            _stop = new CancellationTokenSource();
            _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void RequestStop()
    {
        lock (_gate) _stop.Cancel();
    }

    /// <summary>Stops the slot only if it still serves <paramref name="lease"/>, not a trial it has moved on to.</summary>
    public void RequestStop(LeaseRef lease)
    {
        lock (_gate)
            if (Lease?.Ref == lease) _stop.Cancel();
    }

    /// <summary>Frees the slot if it still serves <paramref name="lease"/> (a late release of an old lease is ignored).</summary>
    public void Release(LeaseRef lease)
    {
        TaskCompletionSource released;
        lock (_gate)
        {
            if (Lease?.Ref != lease) return;
            Lease = null;
            released = _released;
        }
        released.TrySetResult();
    }

    public void Dispose()
    {
        RequestStop();
        Thread.Dispose();
    }

    private static TaskCompletionSource Done()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
