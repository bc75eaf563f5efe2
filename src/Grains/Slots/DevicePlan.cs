using OrleansSweep.Training;

namespace OrleansSweep.Grains.Slots;

/// <summary>
/// Which device each slot of a silo trains on. A pure function of the <c>Slots</c> settings and the number of CUDA
/// devices the host shows (at silo start <see cref="Training.Devices.CudaCount"/>; any number in tests): the devices
/// the choice resolves to, <c>PerDevice</c> slots on each (default 1 per GPU, one per core up to 8 on the CPU), or an
/// explicit <c>Count</c> spread over the devices round-robin.
/// </summary>
/// <param name="Devices">The devices the settings resolve to (none when there are no slots).</param>
/// <param name="Slots">Slot i's device.</param>
public sealed record DevicePlan(IReadOnlyList<TrainingDevice> Devices, int PerDevice, IReadOnlyList<TrainingDevice> Slots, int ThreadsPerSlot)
{
    /// <exception cref="DevicePlanException">A device that is not on the host, or a count that contradicts the packing;
    /// its <see cref="DevicePlanException.Input"/> says which setting, for the caller to name (a setting or a flag).</exception>
    public static DevicePlan Of(DeviceChoice choice, int visibleCuda, int? perDevice, int? count, int threadsPerSlot, int cores)
    {
        if (count == 0) return new([], perDevice ?? 0, [], Math.Max(threadsPerSlot, 1));
        IReadOnlyList<TrainingDevice> devices;
        try
        {
            devices = choice.Resolve(visibleCuda);
        }
        catch (MissingDeviceException e)
        {
            throw new DevicePlanException(DevicePlanInput.Devices, e.Message);
        }
        if (count is { } given && perDevice is { } packing && given != devices.Count * packing)
            throw new DevicePlanException(DevicePlanInput.Count,
                $"{given} contradicts {packing} per device on {devices.Count} device(s) ({devices.Count * packing} slots): set the count or the packing, not both");
        var per = perDevice ?? (devices[0].IsCuda ? 1 : CpuDefault(cores));
        var slots = Enumerable.Range(0, count ?? devices.Count * per).Select(i => devices[i % devices.Count]).ToList();
        var threads = threadsPerSlot > 0 ? threadsPerSlot : Math.Max(1, cores / Math.Max(1, slots.Count));
        return new(devices, per, slots, threads);
    }

    /// <summary>Trials per CPU by default: one per core, at most 8 (beyond what the packing benchmark measured, memory grows per slot).</summary>
    public static int CpuDefault(int cores) => Math.Clamp(cores, 1, 8);

    /// <summary>"4 slots: cuda:0 ×2, cuda:1 ×2; 1 intra-op thread each", or "no slots".</summary>
    public override string ToString() => Slots.Count == 0 ? "no slots"
        : $"{Slots.Count} slot{(Slots.Count == 1 ? "" : "s")}: " +
          string.Join(", ", Slots.GroupBy(d => d).Select(g => $"{g.Key} ×{g.Count()}")) +
          $"; {ThreadsPerSlot} intra-op thread{(ThreadsPerSlot == 1 ? "" : "s")} each";
}

/// <summary>The plan's inputs, so that each caller names the one at fault its own way (a setting, a flag).</summary>
public enum DevicePlanInput { Devices, PerDevice, Count }

/// <summary>The settings give no plan on this host; the message says why, without naming the input.</summary>
public sealed class DevicePlanException(DevicePlanInput input, string defect) : Exception(defect)
{
    public DevicePlanInput Input => input;
}
