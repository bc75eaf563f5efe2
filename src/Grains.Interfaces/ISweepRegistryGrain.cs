using OrleansSweep.Wire;

namespace OrleansSweep.Interfaces;

/// <summary>
/// The list of sweeps (a single grain, key <see cref="Key"/>). Slot pools read it to find sweeps with
/// work; the embedded startup task reads it to wake unfinished sweeps after a restart.
/// </summary>
[Alias("sweep-registry")]
public interface ISweepRegistryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("upsert")] Task Upsert(SweepEntry entry);
    [Alias("list")] Task<IReadOnlyList<SweepEntry>> List();
}
