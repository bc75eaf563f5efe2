namespace OrleansSweep.Hosting;

/// <summary>
/// Embedded mode's recovery (cluster mode has durable reminders): on start, wake every sweep that
/// has not ended, so its coordinator reloads its state and expires the leases of the dead process.
/// </summary>
public sealed class ResumeUnfinishedSweeps(IGrainFactory grains, ILogger<ResumeUnfinishedSweeps> logger) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        var sweeps = await grains.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).List();
        foreach (var sweep in sweeps.Where(s => s.Phase is SweepPhase.Running or SweepPhase.Paused))
        {
            var status = await grains.GetGrain<ISweepGrain>(sweep.SweepId).GetStatus();
            logger.LogInformation("Resuming sweep {SweepId}: {Done:P0} done", sweep.SweepId, status.Progress);
        }
    }
}
