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
public sealed class SlotWorker(
    SlotPool pool, IGrainFactory grains, ActiveSweeps sweeps, SlotMetrics metrics, IHostApplicationLifetime lifetime, ILogger<SlotWorker> logger)
    : BackgroundService
{
    private const int WrongSiloRetries = 3;

    /// <summary>Claim ahead at least this long before the last epoch's expected end.</summary>
    private static readonly TimeSpan MinimumLead = TimeSpan.FromMilliseconds(20);

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

    /// <summary>
    /// Extends the leases of busy slots (and those claimed ahead), sweep by sweep, a few times per lease timeout. A silo that
    /// dies stops heartbeating, so its leases expire and its trials go back to the queue.
    /// </summary>
    private async Task HeartbeatAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = pool.Slots.SelectMany(s => new[] { s.Lease, s.Next }.OfType<TrialLease>().Select(lease => (Slot: s, Lease: lease))).ToList();
            var interval = busy.Count == 0 ? TimeSpan.FromSeconds(1) : busy.Min(b => b.Lease.LeaseTimeout) / 4;
            foreach (var sweep in busy.GroupBy(b => b.Lease.Ref.SweepId))
            {
                try
                {
                    var stop = await grains.GetGrain<ISweepGrain>(sweep.Key)
                        .Heartbeat(sweep.First().Slot.Ref, sweep.Select(b => b.Lease.Ref).ToList());
                    foreach (var (slot, lease) in sweep.Where(b => stop.Contains(b.Lease.Ref.TrialIndex)))
                    {
                        logger.LogInformation("Slot {Slot}: lease of {Trial} revoked", slot.Ref, lease.Ref.TrialKey);
                        slot.RequestStop(lease.Ref);   // the reply may come after the slot moved on to its next trial
                    }
                }
                catch (Exception e)
                {
                    logger.LogWarning("Heartbeat to sweep {Sweep} failed: {Error}", sweep.Key, e.Message);
                }
            }
            try
            {
                await Task.Delay(Clamp(interval), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static TimeSpan Clamp(TimeSpan interval) =>
        interval < TimeSpan.FromMilliseconds(250) ? TimeSpan.FromMilliseconds(250)
        : interval > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : interval;

    /// <summary>
    /// Shortly before a slot's trial should end its last epoch, claims the slot's next trial and activates it here, so
    /// neither the claim nor the activation (a few milliseconds each) stands between two trials. Only when epochs are
    /// short (<see cref="SlotOptions.ClaimAheadBelow"/>): a lease claimed ahead is held, and shown running, before it runs.
    /// </summary>
    private async Task ClaimAheadAsync(Slot slot, CancellationToken stoppingToken)
    {
        if (await Task.WhenAny(slot.WhenFinishing, slot.WhenReleased) != slot.WhenFinishing) return;
        if (stoppingToken.IsCancellationRequested || slot.LastEpoch is not { } epoch || epoch >= pool.Options.ClaimAheadBelow) return;
        // Claim near the epoch's expected end, not at its start: the lease is then held (and shown running) for a
        // fifth of an epoch at most, still ample for a claim and an activation (milliseconds).
        var lead = TimeSpan.FromTicks(Math.Max(epoch.Ticks / 5, MinimumLead.Ticks));
        if (epoch > lead && await Task.WhenAny(Task.Delay(epoch - lead, stoppingToken), slot.WhenReleased) == slot.WhenReleased) return;
        if (stoppingToken.IsCancellationRequested) return;
        try
        {
            if (await ClaimAsync(slot) is not { } next) return;
            slot.SetNext(next);
            await OnThisSilo(() => grains.GetGrain<ITrialGrain>(next.Ref.TrialKey).GetSnapshot());
        }
        catch (Exception e)
        {
            // The slot claims in its loop instead; a lease claimed ahead stays with the slot either way.
            logger.LogInformation("Slot {Slot}: claim ahead: {Error}", slot.Ref, e.Message);
        }
    }

    /// <summary>The lease claimed ahead for this slot; one revoked meanwhile (pause, cancel) goes back to its sweep.</summary>
    private async Task<TrialLease?> TakeNextAsync(Slot slot)
    {
        if (slot.TakeNext() is not { } next) return null;
        if (!next.Revoked) return next.Lease;
        await grains.GetGrain<ISweepGrain>(next.Lease.Ref.SweepId).Release(next.Lease.Ref, null);
        return null;
    }

    /// <summary>A stopping silo hands back the lease it claimed ahead, so the trial is not left to a lease expiry.</summary>
    private async Task HandBackNextAsync(Slot slot)
    {
        if (slot.TakeNext() is not { } next) return;
        try
        {
            await grains.GetGrain<ISweepGrain>(next.Lease.Ref.SweepId).Release(next.Lease.Ref, null);
        }
        catch (Exception e)
        {
            logger.LogWarning("Slot {Slot}: handing back {Trial}: {Error}", slot.Ref, next.Lease.Ref.TrialKey, e.Message);
        }
    }
}
