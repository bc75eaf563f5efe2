namespace OrleansSweep.Grains.Slots;

/// <summary>
/// A silo's training capacity, from configuration section <c>Slots</c>. A silo with
/// <see cref="Count"/> = 0 hosts no trials at all (trial grains are removed from its grain types).
/// </summary>
public sealed class SlotOptions
{
    public const string Section = "Slots";

    /// <summary>Concurrent trials on this silo: one per GPU, K per GPU with packing, or cores ÷ threads on CPU.</summary>
    public int Count { get; set; } = 1;

    /// <summary>Intra-op threads per trial; 0 = cores ÷ slots.</summary>
    public int ThreadsPerSlot { get; set; }

    /// <summary>auto | cpu | cuda.</summary>
    public string Device { get; set; } = "auto";

    /// <summary>Where trial checkpoints are written; shared by every silo in cluster mode.</summary>
    public string CheckpointDirectory { get; set; } = Path.Combine(".orleans-sweep", "checkpoints");

    /// <summary>How long an idle slot waits before asking for work again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public int EffectiveThreads => ThreadsPerSlot > 0 ? ThreadsPerSlot : Math.Max(1, Environment.ProcessorCount / Math.Max(1, Count));
}
