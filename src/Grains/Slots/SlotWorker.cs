using Microsoft.Extensions.Hosting;
using Orleans.Runtime.Placement;
using OrleansSweep.Grains.Metrics;

namespace OrleansSweep.Grains.Slots;

/// <summary>
/// Pulls work for this silo's slots: a free slot asks the coordinators of running sweeps for a lease,
/// then hands it to the trial grain, placed on this silo by a placement hint. Pull, not push: silos
/// that join late, slow silos and mixed hardware need nothing special. Also heartbeats busy slots'
/// leases and stops the ones the coordinator revoked.
/// </summary>
public sealed partial class SlotWorker(
    SlotPool pool, IGrainFactory grains, ActiveSweeps sweeps, SlotMetrics metrics, IHostApplicationLifetime lifetime, ILogger<SlotWorker> logger)
    : BackgroundService
{
    private const int WrongSiloRetries = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (pool.Slots.Count == 0) return;
        await WhenStarted(stoppingToken);
        var loops = pool.Slots.Select(slot => RunSlotAsync(slot, stoppingToken)).Append(HeartbeatAsync(stoppingToken));
        await Task.WhenAll(loops);
    }

    private async Task RunSlotAsync(Slot slot, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if ((await TakeNextAsync(slot) ?? await ClaimAsync(slot)) is { } lease) using (metrics.Occupy(slot)) await RunLeaseAsync(slot, lease, stoppingToken);
                else await sweeps.WaitAsync(pool.Options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning("Slot {Slot}: {Error}", slot.Ref, e.Message);
                await Task.Delay(pool.Options.PollInterval, CancellationToken.None);
            }
        }
        await HandBackNextAsync(slot);
    }

    private async Task<TrialLease?> ClaimAsync(Slot slot)
    {
        foreach (var sweepId in await sweeps.RunningAsync())
            if (await grains.GetGrain<ISweepGrain>(sweepId).Claim(slot.Ref) is { } lease)
                return lease;
        return null;
    }

    private async Task RunLeaseAsync(Slot slot, TrialLease lease, CancellationToken stoppingToken)
    {
        slot.Occupy(lease);
        var trial = grains.GetGrain<ITrialGrain>(lease.Ref.TrialKey);
        for (var attempt = 1; ; attempt++)
        {
            var reply = await OnThisSilo(() => trial.Run(lease, slot.Ref));
            if (reply == RunReply.Started)
            {
                // Drain: a stopping silo stops its trials (within one batch), which hand their leases back
                // while the silo is still up, instead of holding the shutdown until they finish.
                using var drain = stoppingToken.Register(slot.RequestStop);
                await ClaimAheadAsync(slot, stoppingToken);
                await slot.WhenReleased;
                return;
            }
            if (reply != RunReply.WrongSilo || attempt == WrongSiloRetries)
            {
                logger.LogInformation("Slot {Slot}: trial {Trial} answered {Reply}", slot.Ref, lease.Ref.TrialKey, reply);
                if (reply is RunReply.WrongSilo or RunReply.Stopped) await grains.GetGrain<ISweepGrain>(lease.Ref.SweepId).Release(lease.Ref, null);
                slot.Release(lease.Ref);
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
        }
    }

    /// <summary>A grain call whose new activation, if it makes one, is placed on this silo (a placement hint).</summary>
    private async Task<T> OnThisSilo<T>(Func<Task<T>> call)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, SiloAddress.FromParsableString(pool.LocalSilo));
        try
        {
            return await call();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    private async Task WhenStarted(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var _ = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }
}
