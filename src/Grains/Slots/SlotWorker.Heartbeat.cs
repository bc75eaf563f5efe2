namespace OrleansSweep.Grains.Slots;

public sealed partial class SlotWorker
{
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
}
