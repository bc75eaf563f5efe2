using OrleansSweep.Grains.Slots;
using OrleansSweep.Training;

namespace OrleansSweep.Client.Cli;

/// <summary>
/// The <c>Slots</c> settings as flags (<c>--devices</c>, <c>--per-device</c>, <c>--slots</c>, <c>--threads</c>) for the
/// commands that plan slots on this host (<c>run</c>, <c>devices</c>): the same rule as a silo's (<see cref="DevicePlan"/>),
/// its errors naming the flag.
/// </summary>
public static class DevicePlanFlags
{
    public static string? DevicesError(string devices)
    {
        try
        {
            DeviceChoice.Parse(devices);
            return null;
        }
        catch (FormatException e)
        {
            return $"--devices: {e.Message}";
        }
    }

    /// <exception cref="BadInputException">A device that is not on this host, or a count that contradicts the packing.</exception>
    public static DevicePlan Plan(string devices, int? perDevice, int? slots, int threads)
    {
        var choice = DeviceChoice.Parse(devices);
        try
        {
            return DevicePlan.Of(choice, choice.NeedsCuda ? Devices.CudaCount : 0, perDevice, slots, threads, Environment.ProcessorCount);
        }
        catch (DevicePlanException e)
        {
            throw new BadInputException($"{Flag(e.Input)}: {e.Message}");
        }
    }

    public static string Flag(DevicePlanInput input) => input switch
    {
        DevicePlanInput.Devices => "--devices",
        DevicePlanInput.PerDevice => "--per-device",
        _ => "--slots",
    };
}
