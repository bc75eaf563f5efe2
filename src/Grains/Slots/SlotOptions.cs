using Microsoft.Extensions.Configuration;
using OrleansSweep.Grains;
using OrleansSweep.Training;

namespace OrleansSweep.Grains.Slots;

/// <summary>
/// A silo's training capacity, from configuration section <c>Slots</c>: the devices it trains on, trials per device,
/// and the slot count that follows (<see cref="DevicePlan"/>). A silo with no slots (<c>Count</c> = 0) hosts no
/// trials at all (trial grains are removed from its grain types).
/// </summary>
public sealed class SlotOptions
{
    public const string Section = "Slots";

    /// <summary><c>auto</c> (every visible CUDA device, else the CPU), <c>cuda</c> (every visible CUDA device),
    /// <c>cpu</c>, or a list such as <c>cuda:0,cuda:2</c>.</summary>
    public string Devices { get; set; } = "auto";

    /// <summary>
    /// Trials packed per device; unset: 1 per GPU, and on the CPU one per core, at most 8 (one single-threaded trial per
    /// core trains more samples per second than one trial using every core: bench/README.md, packing).
    /// </summary>
    public int? PerDevice { get; set; }

    /// <summary>Concurrent trials on this silo; unset: devices × <see cref="PerDevice"/>. Given, the slots go to the
    /// devices round-robin. 0: a coordinator-only silo.</summary>
    public int? Count { get; set; }

    /// <summary>Intra-op threads per trial; 0 = cores ÷ slots.</summary>
    public int ThreadsPerSlot { get; set; }

    /// <summary>Where trial checkpoints are written; shared by every silo in cluster mode.</summary>
    public string CheckpointDirectory { get; set; } = Path.Combine(".orleans-sweep", "checkpoints");

    /// <summary>How long an idle slot waits before asking for work again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A slot whose epochs take less than this claims its next trial while it trains the current one's last epoch
    /// (the claim and activation then cost no slot time). Longer epochs don't, so no lease is held long before it runs.
    /// </summary>
    public TimeSpan ClaimAheadBelow { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary><see cref="Devices"/> as parsed by <see cref="From"/>.</summary>
    public DeviceChoice DeviceChoice { get; private set; } = DeviceChoice.Auto;

    /// <summary>Reads and checks the <c>Slots</c> section: a value that does not parse or is out of range is a <see cref="ConfigurationError"/>.</summary>
    public static SlotOptions From(IConfigurationSection section)
    {
        SlotOptions options;
        try
        {
            options = section.Get<SlotOptions>() ?? new SlotOptions();
        }
        catch (InvalidOperationException e)
        {
            // The binder names the path and the value: "Failed to convert configuration value 'x' at 'Slots:PollInterval' to type ..."
            throw new ConfigurationError($"{section.Path}: {e.Message}");
        }
        if (options.Count < 0) throw new ConfigurationError($"{section.Path}:{nameof(Count)}: must be 0 or more, got {options.Count}");
        if (options.PerDevice < 1) throw new ConfigurationError($"{section.Path}:{nameof(PerDevice)}: must be 1 or more, got {options.PerDevice}");
        if (options.ThreadsPerSlot < 0) throw new ConfigurationError($"{section.Path}:{nameof(ThreadsPerSlot)}: must be 0 (cores ÷ slots) or more, got {options.ThreadsPerSlot}");
        if (options.PollInterval <= TimeSpan.Zero) throw new ConfigurationError($"{section.Path}:{nameof(PollInterval)}: must be positive, got {options.PollInterval}");
        if (options.ClaimAheadBelow < TimeSpan.Zero) throw new ConfigurationError($"{section.Path}:{nameof(ClaimAheadBelow)}: must be 0 (never) or positive, got {options.ClaimAheadBelow}");
        try
        {
            options.DeviceChoice = DeviceChoice.Parse(options.Devices);
        }
        catch (FormatException e)
        {
            throw new ConfigurationError($"{section.Path}:{nameof(Devices)}: {e.Message}");
        }
        return options;
    }

    /// <summary>
    /// The slots these settings give on a host with <paramref name="visibleCuda"/> usable CUDA devices
    /// (<see cref="Training.Devices.CudaCount"/>; asked only when the plan depends on it).
    /// </summary>
    /// <exception cref="ConfigurationError">One line naming the setting, e.g. "Slots:Devices: cuda:9 does not exist: …".</exception>
    public DevicePlan Plan(Func<int> visibleCuda)
    {
        try
        {
            return DevicePlan.Of(DeviceChoice, Count != 0 && DeviceChoice.NeedsCuda ? visibleCuda() : 0, PerDevice, Count, ThreadsPerSlot,
                Environment.ProcessorCount);
        }
        catch (DevicePlanException e)
        {
            throw new ConfigurationError($"{Section}:{e.Input}: {e.Message}");
        }
    }
}
