namespace OrleansSweep.Grains.Slots;

public sealed partial class SlotWorker
{
    private static readonly TimeSpan MinimumLead = TimeSpan.FromMilliseconds(20);

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
