using Microsoft.Extensions.Options;

namespace OrleansSweep.Grains.Slots;

/// <summary>The slots of this silo (a singleton), each on its device of the <see cref="DevicePlan"/>. Trial grains find their slot here by number.</summary>
public sealed class SlotPool : IDisposable
{
    public SlotPool(IOptions<SlotOptions> options, DevicePlan plan, ILocalSiloDetails silo, ILogger<SlotPool> logger)
    {
        Options = options.Value;
        Plan = plan;
        LocalSilo = silo.SiloAddress.ToParsableString();
        Slots = plan.Slots.Select((device, i) => new Slot(i, LocalSilo, device)).ToArray();
        if (Slots.Count > 0) logger.LogInformation("Training on {Plan} (libtorch backend {Backend})", plan, Training.Devices.Backend);
    }

    public SlotOptions Options { get; }
    public DevicePlan Plan { get; }
    public string LocalSilo { get; }
    public IReadOnlyList<Slot> Slots { get; }

    public Slot Get(int id) => Slots[id];

    public int Busy => Slots.Count(s => s.Lease is not null);

    public void Dispose()
    {
        foreach (var slot in Slots) slot.Dispose();
    }
}
