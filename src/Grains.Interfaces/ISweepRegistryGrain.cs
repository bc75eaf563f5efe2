using Orleans.Concurrency;
using OrleansSweep.Wire;

namespace OrleansSweep.Interfaces;

/// <summary>
/// The list of sweeps (a single grain, key <see cref="Key"/>). Slot pools read it to find sweeps with
/// work, and are told at once when one starts running; the embedded startup task reads it to wake unfinished
/// sweeps after a restart.
/// </summary>
[Alias("sweep-registry")]
public interface ISweepRegistryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("upsert")] Task Upsert(SweepEntry entry);
    [Alias("list")] Task<IReadOnlyList<SweepEntry>> List();

    /// <summary><see cref="List"/>, and <paramref name="watcher"/> is told when a sweep starts or resumes, for a minute
    /// from this call (a silo's slots renew it whenever they read the list).</summary>
    [Alias("list-and-watch")] Task<IReadOnlyList<SweepEntry>> ListAndWatch(ISweepWatcher watcher);
}

/// <summary>A silo's slots, waiting for work: told when a sweep starts or resumes anywhere in the cluster.</summary>
[Alias("sweep-watcher")]
public interface ISweepWatcher : IGrainObserver
{
    [OneWay, Alias("sweep-running")] Task SweepRunning(string sweepId);
}
