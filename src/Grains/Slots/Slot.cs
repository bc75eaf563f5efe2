using OrleansSweep.Training;

namespace OrleansSweep.Grains.Slots;

/// <summary>
/// One training slot of this silo: its device, its thread, the lease it currently serves, and the one claimed ahead
/// for it. The slot worker occupies it with a lease; the trial grain trains on its device, on its thread, says when
/// its last epoch starts, and releases it when the attempt ends.
/// </summary>
public sealed class Slot(int id, string silo, TrainingDevice device = default) : IDisposable
{
    private readonly object _gate = new();
    private CancellationTokenSource _stop = new();
    private TaskCompletionSource _released = Done();
    private TaskCompletionSource _finishing = Done();
    private (TrialLease Lease, bool Revoked)? _next;
    private TimeSpan? _lastEpoch;

    public int Id => id;

    /// <summary>How the coordinator knows this slot: silo, number and device (recorded in the lease).</summary>
    public SlotRef Ref { get; } = new(silo, id, device.ToString());

    public TrainingDevice Device => device;
    public DedicatedThread Thread { get; } = new($"slot-{id}");
    public TrialLease? Lease { get; private set; }

    /// <summary>Cancelled when the coordinator revokes the lease or the silo stops.</summary>
    public CancellationToken StopToken { get { lock (_gate) return _stop.Token; } }

    public Task WhenReleased { get { lock (_gate) return _released.Task; } }

    /// <summary>Completes when the current lease's last epoch starts (<see cref="Finishing"/>).</summary>
    public Task WhenFinishing { get { lock (_gate) return _finishing.Task; } }

    /// <summary>How long the last epoch trained on this slot took (any trial); null before the first.</summary>
    public TimeSpan? LastEpoch
    {
        get { lock (_gate) return _lastEpoch; }   // written on the slot's thread, read by the worker: no torn reads
        set { lock (_gate) _lastEpoch = value; }
    }

    /// <summary>The lease claimed ahead for this slot's next trial, if any.</summary>
    public TrialLease? Next { get { lock (_gate) return _next?.Lease; } }

    public void Occupy(TrialLease lease)
    {
        lock (_gate)
        {
            Lease = lease;
            _stop = new CancellationTokenSource();
            _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _finishing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>The current lease's last epoch is starting: a good moment to claim the next one.</summary>
    public void Finishing()
    {
        lock (_gate) _finishing.TrySetResult();
    }

    public void SetNext(TrialLease lease)
    {
        lock (_gate) _next = (lease, false);
    }

    /// <summary>Takes the lease claimed ahead, and whether the coordinator has revoked it since.</summary>
    public (TrialLease Lease, bool Revoked)? TakeNext()
    {
        lock (_gate)
        {
            var next = _next;
            _next = null;
            return next;
        }
    }

    public void RequestStop()
    {
        lock (_gate) _stop.Cancel();
    }

    /// <summary>
    /// Stops the slot only if it still serves <paramref name="lease"/>, not a trial it has moved on to; marks the
    /// lease claimed ahead as revoked if it is that one.
    /// </summary>
    public void RequestStop(LeaseRef lease)
    {
        lock (_gate)
        {
            if (Lease?.Ref == lease) _stop.Cancel();
            if (_next?.Lease.Ref == lease) _next = (_next.Value.Lease, true);
        }
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
