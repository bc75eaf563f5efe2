using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrleansSweep.Grains.Slots;
using OrleansSweep.Grains.Trials;
using OrleansSweep.Training;

namespace OrleansSweep.Grains.Metrics;

/// <summary>
/// This silo's slots and devices: slots in all and busy on each device, how long a free slot waits before it gets work,
/// and the memory the shared datasets hold on each device.
/// </summary>
public sealed class SlotMetrics
{
    private readonly Histogram<double> _wait;
    private readonly long[] _freeSince;

    public SlotMetrics(SweepMeter meter, SlotPool pool, DatasetCache datasets)
    {
        _freeSince = pool.Slots.Select(_ => Stopwatch.GetTimestamp()).ToArray();
        meter.Meter.CreateObservableGauge("orleans_sweep.slots.total", () => ByDevice(pool, _ => true), "{slot}", "Training slots of this silo, by device");
        meter.Meter.CreateObservableGauge("orleans_sweep.slots.busy", () => ByDevice(pool, s => s.Lease is not null), "{slot}", "Slots of this silo holding a lease, by device");
        _wait = meter.Histogram("orleans_sweep.slot.queue_wait", "s",
            "Time from a slot becoming free (or the silo starting) to it receiving a lease", Buckets.WaitSeconds);
        // The host (cpu) and every device of the plan, 0 while nothing is held there: the series are there from the start.
        var devices = pool.Plan.Devices.Prepend(TrainingDevice.Cpu).Distinct().ToList();
        meter.Meter.CreateObservableGauge("orleans_sweep.device.dataset_memory", () =>
        {
            var held = datasets.BytesByDevice();
            return devices.Select(d => new Measurement<long>(held.GetValueOrDefault(d), Tags.Device(d)));
        }, "By", "Bytes of dataset tensors held on each device (host copies on cpu, one shared copy per dataset on each GPU)");
    }

    /// <summary>The slot got work: records how long it waited; disposing the result marks it free again.</summary>
    public IDisposable Occupy(Slot slot)
    {
        _wait.Record(Stopwatch.GetElapsedTime(Interlocked.Read(ref _freeSince[slot.Id])).TotalSeconds);
        return new Release(() => Interlocked.Exchange(ref _freeSince[slot.Id], Stopwatch.GetTimestamp()));
    }

    /// <summary>The slot went on to a trial claimed ahead that waited on its thread: no wait between the two.</summary>
    public void WentOn() => _wait.Record(0);

    private static IEnumerable<Measurement<int>> ByDevice(SlotPool pool, Func<Slot, bool> counted) =>
        pool.Plan.Devices.Select(d => new Measurement<int>(pool.Slots.Count(s => s.Device == d && counted(s)), Tags.Device(d)));

    private sealed class Release(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
