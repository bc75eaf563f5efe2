using Microsoft.Extensions.Options;

namespace OrleansSweep.Grains.Slots;

/// <summary>The slots of this silo (a singleton). Trial grains find their slot here by number.</summary>
public sealed class SlotPool : IDisposable
{
    public SlotPool(IOptions<SlotOptions> options, ILocalSiloDetails silo)
    {
        Options = options.Value;
        LocalSilo = silo.SiloAddress.ToParsableString();
        Slots = Enumerable.Range(0, Options.Count).Select(i => new Slot(i, new SlotRef(LocalSilo, i))).ToArray();
    }

    public SlotOptions Options { get; }
    public string LocalSilo { get; }
    public IReadOnlyList<Slot> Slots { get; }

    public Slot Get(int id) => Slots[id];

    public int Busy => Slots.Count(s => s.Lease is not null);

    public void Dispose()
    {
        foreach (var slot in Slots) slot.Dispose();
    }
}
