using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrleansSweep.Grains.Slots;

namespace OrleansSweep.Grains.Metrics;

/// <summary>This silo's slots: total, busy, and how long a free slot waits before it gets work.</summary>
public sealed class SlotMetrics
{
    private readonly Histogram<double> _wait;
    private readonly long[] _freeSince;

    public SlotMetrics(SweepMeter meter, SlotPool pool)
    {
        _freeSince = pool.Slots.Select(_ => Stopwatch.GetTimestamp()).ToArray();
        meter.Meter.CreateObservableGauge("orleans_sweep.slots.total", () => pool.Slots.Count, "{slot}", "Training slots of this silo");
        meter.Meter.CreateObservableGauge("orleans_sweep.slots.busy", () => pool.Busy, "{slot}", "Slots of this silo holding a lease");
        _wait = meter.Histogram("orleans_sweep.slot.queue_wait", "s",
            "Time from a slot becoming free (or the silo starting) to it receiving a lease", Buckets.WaitSeconds);
    }

    /// <summary>The slot got work: records how long it waited; disposing the result marks it free again.</summary>
    public IDisposable Occupy(Slot slot)
    {
        _wait.Record(Stopwatch.GetElapsedTime(Interlocked.Read(ref _freeSince[slot.Id])).TotalSeconds);
        return new Release(() => Interlocked.Exchange(ref _freeSince[slot.Id], Stopwatch.GetTimestamp()));
    }

    private sealed class Release(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
