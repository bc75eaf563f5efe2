namespace OrleansSweep.Training;

/// <summary>
/// Which devices to train on, as a setting or flag names them: <c>auto</c> (every visible CUDA device, else the CPU),
/// <c>cuda</c> (every visible CUDA device; an error without one), <c>cpu</c>, or a list such as <c>cuda:0,cuda:2</c>.
/// Parsed once (<see cref="Parse"/>); <see cref="Resolve"/> turns it into devices for a host with a given number of
/// visible CUDA devices, without touching TorchSharp.
/// </summary>
public sealed record DeviceChoice
{
    private DeviceChoice(string kind, IReadOnlyList<TrainingDevice> listed) => (Kind, Listed) = (kind, listed);

    public static DeviceChoice Auto { get; } = new("auto", []);
    public static DeviceChoice AllCuda { get; } = new("cuda", []);
    public static DeviceChoice Cpu { get; } = new("list", [TrainingDevice.Cpu]);

    /// <summary>The devices listed (empty for auto and cuda).</summary>
    public IReadOnlyList<TrainingDevice> Listed { get; }

    private string Kind { get; }

    public bool IsAuto => Kind == "auto";

    /// <summary>Whether resolving it depends on the host's CUDA devices (false only for <c>cpu</c>).</summary>
    public bool NeedsCuda => Kind != "list" || Listed.Any(d => d.IsCuda);

    /// <summary>Reads a choice; the exception's message says what is wrong, without naming the setting (callers do).</summary>
    /// <exception cref="FormatException">Not auto, cuda, cpu or a list of distinct devices.</exception>
    public static DeviceChoice Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        switch (trimmed.ToLowerInvariant())
        {
            case "auto": return Auto;
            case "cuda": return AllCuda;
            case "": throw new FormatException("empty: give auto, cuda, cpu or devices such as cuda:0,cuda:1");
        }
        var devices = new List<TrainingDevice>();
        foreach (var part in trimmed.Split(','))
        {
            if (!TrainingDevice.TryParse(part, out var device, out var reason))
                throw new FormatException(part.Trim() is "" ? $"'{trimmed}' has an empty entry" : $"{reason}; give auto, cuda, cpu or devices such as cuda:0,cuda:1");
            if (devices.Contains(device)) throw new FormatException($"{device} is listed twice");
            devices.Add(device);
        }
        if (devices.Count > 1 && devices.Contains(TrainingDevice.Cpu))
            throw new FormatException("cpu cannot be listed with CUDA devices (one silo trains on its GPUs or on its CPU)");
        return new("list", devices);
    }

    /// <summary>The devices this choice means on a host with <paramref name="visibleCuda"/> usable CUDA devices.</summary>
    /// <exception cref="MissingDeviceException">A listed device does not exist, or <c>cuda</c> on a host without one.</exception>
    public IReadOnlyList<TrainingDevice> Resolve(int visibleCuda)
    {
        var cuda = Enumerable.Range(0, Math.Max(visibleCuda, 0)).Select(TrainingDevice.Cuda).ToList();
        switch (Kind)
        {
            case "auto": return cuda.Count > 0 ? cuda : [TrainingDevice.Cpu];
            case "cuda": return cuda.Count > 0 ? cuda : throw new MissingDeviceException($"cuda: {Visible(visibleCuda)}");
        }
        foreach (var device in Listed)
            if (device.IsCuda && device.Index >= visibleCuda)
                throw new MissingDeviceException($"{device} does not exist: {Visible(visibleCuda)}");
        return Listed;
    }

    public override string ToString() => Kind == "list" ? string.Join(",", Listed) : Kind;

    private static string Visible(int count) => count switch
    {
        <= 0 => "this host has no usable CUDA device" + (Devices.Backend == "cpu" ? " (a CPU-only build: build with -p:TorchBackend=cuda-linux)" : ""),
        1 => "this host has 1 CUDA device (cuda:0)",
        _ => $"this host has {count} CUDA devices (cuda:0 … cuda:{count - 1})",
    };
}

/// <summary>A device that was asked for is not on this host (or this build cannot use it).</summary>
public sealed class MissingDeviceException(string message) : Exception(message);
