using OrleansSweep.Training;

namespace OrleansSweep.Grains.Slots;

/// <summary>
/// One training slot of this silo: its device, its thread, the lease it trains, and the one claimed ahead for it. The
/// slot worker occupies it with a lease; the trial grain trains on its device, on its thread, says when its last epoch
/// starts, and releases it when the attempt ends. A lease claimed ahead whose trial already accepted the start
/// (<see cref="MarkQueued"/>) waits on the slot's thread behind the current trial's last epoch and becomes the slot's
/// lease when its first work item begins (<see cref="Begin"/>): no hop between two trials.
/// </summary>
public sealed class Slot(int id, string silo, TrainingDevice device = default) : IDisposable
{
    private static readonly CancellationToken Stopped = new(canceled: true);
    private readonly object _gate = new();
    private Held? _current;
    private Held? _next;
    private TimeSpan? _lastEpoch;

    public int Id => id;

    /// <summary>How the coordinator knows this slot: silo, number and device (recorded in the lease).</summary>
    public SlotRef Ref { get; } = new(silo, id, device.ToString());

    public TrainingDevice Device => device;
    public DedicatedThread Thread { get; } = new($"slot-{id}");
    public TrialLease? Lease { get { lock (_gate) return _current?.Lease; } }

    /// <summary>The lease claimed ahead for this slot's next trial, if any.</summary>
    public TrialLease? Next { get { lock (_gate) return _next?.Lease; } }

    /// <summary>How long the last epoch trained on this slot took (any trial); null before the first.</summary>
    public TimeSpan? LastEpoch
    {
        get { lock (_gate) return _lastEpoch; }   // written on the slot's thread, read by the worker: no torn reads
        set { lock (_gate) _lastEpoch = value; }
    }

    /// <summary>Cancelled when the coordinator revokes <paramref name="lease"/> or the silo stops; already cancelled
    /// for a lease this slot does not hold.</summary>
    public CancellationToken StopTokenOf(LeaseRef lease)
    {
        lock (_gate) return Find(lease)?.Stop.Token ?? Stopped;
    }

    /// <summary>Completes when <paramref name="lease"/> is released (at once if the slot does not hold it).</summary>
    public Task WhenReleasedOf(LeaseRef lease)
    {
        lock (_gate) return Find(lease)?.Released.Task ?? Task.CompletedTask;
    }

    /// <summary>Completes when <paramref name="lease"/>'s last epoch starts (<see cref="Finishing"/>; at once if the slot
    /// does not hold it).</summary>
    public Task WhenFinishingOf(LeaseRef lease)
    {
        lock (_gate) return Find(lease)?.Finishing.Task ?? Task.CompletedTask;
    }

    public void Occupy(TrialLease lease)
    {
        lock (_gate) _current = new Held(lease);
    }

    /// <summary>The current lease's last epoch is starting: a good moment to claim the next one.</summary>
    public void Finishing()
    {
        lock (_gate) _current?.Finishing.TrySetResult();
    }

    public void SetNext(TrialLease lease)
    {
        lock (_gate) _next = new Held(lease);
    }

    /// <summary>The trial of the lease claimed ahead accepted the start: its first work item waits on this slot's thread.</summary>
    public void MarkQueued(LeaseRef lease)
    {
        lock (_gate)
            if (Find(lease) is { } held) held.Queued = true;
    }

    /// <summary>
    /// The lease claimed ahead whose trial began on this slot's thread or waits on it, which the worker serves next
    /// instead of claiming; null when there is none.
    /// </summary>
    public TrialLease? Queued
    {
        get { lock (_gate) return _current is { Queued: true } current ? current.Lease : _next is { Queued: true } next ? next.Lease : null; }
    }

    /// <summary>
    /// Takes the lease claimed ahead that no trial has accepted yet, and whether the coordinator revoked it since; the
    /// slot now serves it (its stop is the one the lease had while claimed ahead).
    /// </summary>
    public (TrialLease Lease, bool Revoked)? TakeNext()
    {
        lock (_gate)
        {
            if (_next is not { Queued: false } next) return null;
            (_current, _next) = (next, null);
            return (next.Lease, next.Revoked);
        }
    }

    /// <summary>
    /// A trial's first work item on this slot's thread: true when the slot holds <paramref name="lease"/>, which is then
    /// its current lease (a lease claimed ahead takes over; the one before it has ended its last work item by now).
    /// False: the lease was handed back or revoked meanwhile, and the trial must not train.
    /// </summary>
    public bool Begin(LeaseRef lease)
    {
        Held? before;
        lock (_gate)
        {
            if (_current?.Lease.Ref == lease) return true;
            if (_next?.Lease.Ref != lease || _next.Revoked) return false;
            (before, _current, _next) = (_current, _next, null);
        }
        before?.Released.TrySetResult();
        return true;
    }

    /// <summary>Stops every lease of this slot (the silo stops).</summary>
    public void RequestStop()
    {
        lock (_gate)
        {
            _current?.Stop.Cancel();
            _next?.Stop.Cancel();
        }
    }

    /// <summary>
    /// Stops <paramref name="lease"/> only if the slot holds it, not a trial it has moved on to; a lease claimed ahead is
    /// also marked revoked.
    /// </summary>
    public void RequestStop(LeaseRef lease)
    {
        lock (_gate)
        {
            if (_current?.Lease.Ref == lease) _current.Stop.Cancel();
            if (_next?.Lease.Ref == lease)
            {
                _next.Revoked = true;
                _next.Stop.Cancel();
            }
        }
    }

    /// <summary>Lets go of <paramref name="lease"/> if the slot holds it (a late release of an old lease is ignored).</summary>
    public void Release(LeaseRef lease)
    {
        Held? released;
        lock (_gate)
        {
            released = Find(lease);
            if (released is null) return;
            if (released == _current) _current = null;
            else _next = null;
        }
        released.Released.TrySetResult();
    }

    public void Dispose()
    {
        RequestStop();
        Thread.Dispose();
    }

    private Held? Find(LeaseRef lease) =>
        _current?.Lease.Ref == lease ? _current : _next?.Lease.Ref == lease ? _next : null;

    /// <summary>A lease the slot holds, with its own stop and signals.</summary>
    private sealed class Held(TrialLease lease)
    {
        public TrialLease Lease { get; } = lease;
        public CancellationTokenSource Stop { get; } = new();
        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Finishing { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool Revoked { get; set; }
        public bool Queued { get; set; }
    }
}
