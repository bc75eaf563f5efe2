using System.Globalization;
using TorchSharp;

namespace OrleansSweep.Training;

/// <summary>
/// Where a training session runs: the CPU, or one CUDA device by its ordinal (<c>cuda:N</c>). Always explicit: TorchSharp's
/// <c>torch.CUDA</c> is <c>Device(CUDA, -1)</c>, "the current device", which would put every slot on one GPU. Its name
/// (<c>cpu</c>, <c>cuda:0</c> …) is what settings, flags, records and the <c>device</c> metrics label say.
/// </summary>
public readonly record struct TrainingDevice
{
    private TrainingDevice(bool isCuda, int index) => (IsCuda, Index) = (isCuda, index);

    public static TrainingDevice Cpu => default;

    public static TrainingDevice Cuda(int index) =>
        index >= 0 ? new(true, index) : throw new ArgumentOutOfRangeException(nameof(index), index, "a CUDA ordinal is 0 or more");

    public bool IsCuda { get; }

    /// <summary>The CUDA ordinal (as CUDA_VISIBLE_DEVICES numbers them in this process); 0 for the CPU.</summary>
    public int Index { get; }

    /// <summary>The TorchSharp device, with its index: never "the current device".</summary>
    public torch.Device Torch => IsCuda ? new torch.Device(DeviceType.CUDA, Index) : torch.CPU;

    public override string ToString() => IsCuda ? $"cuda:{Index.ToString(CultureInfo.InvariantCulture)}" : "cpu";

    /// <summary>Reads <c>cpu</c> or <c>cuda:N</c> (any case); <paramref name="reason"/> says what is wrong otherwise.</summary>
    public static bool TryParse(string? text, out TrainingDevice device, out string reason)
    {
        var name = text?.Trim().ToLowerInvariant() ?? "";
        (device, reason) = (Cpu, "");
        if (name == "cpu") return true;
        if (name.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            device = Cuda(index);
            return true;
        }
        reason = $"'{text?.Trim()}' is not a device (cpu or cuda:N, N = 0, 1, …)";
        return false;
    }

    /// <summary>Where a tensor lives. A CUDA tensor always reports its ordinal.</summary>
    public static TrainingDevice Of(torch.Device device) => device.type == DeviceType.CUDA ? Cuda(Math.Max(device.index, 0)) : Cpu;
}
