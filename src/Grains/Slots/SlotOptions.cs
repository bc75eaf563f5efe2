using Microsoft.Extensions.Configuration;
using OrleansSweep.Grains;

namespace OrleansSweep.Grains.Slots;

/// <summary>
/// A silo's training capacity, from configuration section <c>Slots</c>. A silo with
/// <see cref="Count"/> = 0 hosts no trials at all (trial grains are removed from its grain types).
/// </summary>
public sealed class SlotOptions
{
    public const string Section = "Slots";

    /// <summary>
    /// Concurrent trials on this silo: one per GPU, K per GPU with packing. Default <see cref="CpuDefault"/>: on CPU
    /// one single-threaded trial per core trains more samples per second than one trial using every core
    /// (bench/README.md, packing: K=2 × 1 thread gave 1.67× of K=1 × 2 threads on 2 cores; K=4 1.35×).
    /// </summary>
    public int Count { get; set; } = CpuDefault;

    /// <summary>One slot per core, at most 8 (beyond what the packing benchmark measured, memory grows per slot).</summary>
    public static int CpuDefault => Math.Clamp(Environment.ProcessorCount, 1, 8);

    /// <summary>Intra-op threads per trial; 0 = cores ÷ slots.</summary>
    public int ThreadsPerSlot { get; set; }

    /// <summary>auto | cpu | cuda.</summary>
    public string Device { get; set; } = "auto";

    /// <summary>Where trial checkpoints are written; shared by every silo in cluster mode.</summary>
    public string CheckpointDirectory { get; set; } = Path.Combine(".orleans-sweep", "checkpoints");

    /// <summary>How long an idle slot waits before asking for work again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A slot whose epochs take less than this claims its next trial while it trains the current one's last epoch
    /// (the claim and activation then cost no slot time). Longer epochs don't, so no lease is held long before it runs.
    /// </summary>
    public TimeSpan ClaimAheadBelow { get; set; } = TimeSpan.FromSeconds(5);

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
        if (options.ThreadsPerSlot < 0) throw new ConfigurationError($"{section.Path}:{nameof(ThreadsPerSlot)}: must be 0 (cores ÷ slots) or more, got {options.ThreadsPerSlot}");
        if (options.PollInterval <= TimeSpan.Zero) throw new ConfigurationError($"{section.Path}:{nameof(PollInterval)}: must be positive, got {options.PollInterval}");
        if (options.ClaimAheadBelow < TimeSpan.Zero) throw new ConfigurationError($"{section.Path}:{nameof(ClaimAheadBelow)}: must be 0 (never) or positive, got {options.ClaimAheadBelow}");
        return options;
    }

    public int EffectiveThreads => ThreadsPerSlot > 0 ? ThreadsPerSlot : Math.Max(1, Environment.ProcessorCount / Math.Max(1, Count));
}
