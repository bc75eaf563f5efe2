using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime.Placement;
using OrleansSweep.Grains.Metrics;

namespace OrleansSweep.Grains.Slots;

/// <summary>
/// Pulls work for this silo's slots: a free slot asks the coordinators of running sweeps for a lease,
/// then hands it to the trial grain, placed on this silo by a placement hint. Pull, not push: silos
/// that join late, slow silos and mixed hardware need nothing special. Also heartbeats busy slots'
/// leases and stops the ones the coordinator revoked.
/// <para>
/// No lease is left to its expiry while its silo lives: a lease the cluster could not start (the trial's silo or
/// directory entry out of reach just after a silo died, a placement that could not be honoured) goes back to its
/// sweep at once, as an interruption, not an attempt; a claim that failed is asked again with the same id before the
/// slot claims anything else, so a lease granted with its reply lost is found and run. A slot whose claims or starts
/// fail backs off, exponentially up to <see cref="MaxBackoff"/>, rather than spin while the cluster settles.
/// </para>
/// </summary>
public sealed class SlotWorker(
    SlotPool pool, IGrainFactory grains, ActiveSweeps sweeps, SlotMetrics metrics, IHostApplicationLifetime lifetime, ILogger<SlotWorker> logger)
    : BackgroundService
{
    private const int WrongSiloRetries = 3;

    /// <summary>The longest a slot waits after failed claims or starts before it tries again.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    /// <summary>Claim ahead at least this long before the last epoch's expected end.</summary>
    private static readonly TimeSpan MinimumLead = TimeSpan.FromMilliseconds(20);

    /// <summary>How long a stopping silo waits for its hand-backs still under way.</summary>
    private static readonly TimeSpan HandBackDrain = TimeSpan.FromSeconds(10);

    /// <summary>A claim that failed is asked again for this long at most; a lease it may have granted then expires.</summary>
    private static readonly TimeSpan ClaimRetention = TimeSpan.FromMinutes(1);

    /// <summary>Per slot: the claim that failed (it may have been granted with its reply lost), asked again first.</summary>
    private readonly PendingClaim?[] _pending = new PendingClaim?[pool.Slots.Count];

    private readonly ConcurrentDictionary<Task, bool> _handBacks = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (pool.Slots.Count == 0) return;
        await WhenStarted(stoppingToken);
        var loops = pool.Slots.Select(slot => RunSlotAsync(slot, stoppingToken)).Append(HeartbeatAsync(stoppingToken));
        await Task.WhenAll(loops);
        await Task.WhenAll(_handBacks.Keys).WaitAsync(HandBackDrain).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RunSlotAsync(Slot slot, CancellationToken stoppingToken)
    {
        var failures = 0;   // claims and starts that failed since this slot last started a trial
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (slot.Lease is { } begun)
                {
                    // A lease claimed ahead whose trial began on the slot's thread though its start seemed to fail.
                    using (metrics.Occupy(slot)) await ServeAsync(slot, begun.Ref, stoppingToken);
                    continue;
                }
                if (TakeNext(slot) is not { } lease)                 // (taking it, the slot serves it)
                {
                    if (await ClaimAsync(slot) is not { } claimed)
                    {
                        await sweeps.WaitAsync(pool.Options.PollInterval, stoppingToken);
                        continue;
                    }
                    slot.Occupy(lease = claimed);
                }
                bool started;
                using (metrics.Occupy(slot)) started = await RunLeaseAsync(slot, lease, stoppingToken);
                if (started)
                {
                    failures = 0;
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning("Slot {Slot}: claim failed: {Error}", slot.Ref, e.Message);
            }
            try
            {
                await Task.Delay(Backoff(++failures), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        // A stopping silo hands back the lease it claimed ahead, so the trial is not left to a lease expiry.
        if (slot.TakeNext() is { } next) HandBack(next.Lease);
    }

    /// <summary>After <paramref name="failures"/> failed claims or starts in a row: the poll interval, doubled each time up
    /// to <see cref="MaxBackoff"/>, ±20 % so that slots do not retry in step.</summary>
    private TimeSpan Backoff(int failures)
    {
        var poll = pool.Options.PollInterval;
        var delay = TimeSpan.FromTicks(Math.Min(poll.Ticks * (1L << Math.Clamp(failures - 1, 0, 16)), Math.Max(MaxBackoff.Ticks, poll.Ticks)));
        return delay * (0.8 + 0.4 * Random.Shared.NextDouble());
    }

    /// <summary>
    /// A lease from a running sweep, each claim named by a new id. A claim that failed is asked again first, with its id,
    /// until it is answered: claims of one slot never overlap, so the slot holds no lease it does not know of.
    /// </summary>
    private async Task<TrialLease?> ClaimAsync(Slot slot, bool ahead = false)
    {
        if (_pending[slot.Id] is { } pending)
        {
            if (Stopwatch.GetElapsedTime(pending.Since) < ClaimRetention)
            {
                var granted = await grains.GetGrain<ISweepGrain>(pending.SweepId).Claim(slot.Ref, pending.Id, ahead);
                _pending[slot.Id] = null;
                if (granted is not null) return granted;
            }
            else _pending[slot.Id] = null;
        }
        foreach (var sweepId in await sweeps.RunningAsync())
        {
            var claim = Guid.NewGuid();
            try
            {
                if (await grains.GetGrain<ISweepGrain>(sweepId).Claim(slot.Ref, claim, ahead) is { } lease) return lease;
            }
            catch (Exception)
            {
                _pending[slot.Id] = new PendingClaim(sweepId, claim, Stopwatch.GetTimestamp());
                throw;
            }
        }
        return null;
    }

    /// <summary>Runs a lease on the slot (which holds it) until the trial releases it, then any lease claimed ahead that
    /// its trial already queued behind it. False: the trial could not be started here, and the lease went back to its
    /// sweep (or was superseded).</summary>
    private async Task<bool> RunLeaseAsync(Slot slot, TrialLease lease, CancellationToken stoppingToken)
    {
        var trial = grains.GetGrain<ITrialGrain>(lease.Ref.TrialKey);
        for (var attempt = 1; ; attempt++)
        {
            RunReply reply;
            try
            {
                reply = await OnThisSilo(() => trial.Run(lease, slot.Ref));
            }
            catch (Exception e)
            {
                // The cluster, not the trial: its activation or directory entry unreachable (a silo just died), or no
                // placement. Should the call have reached the trial after all, the stop ends that attempt.
                logger.LogWarning("Slot {Slot}: could not start trial {Trial} attempt {Attempt}; lease handed back: {Error}",
                    slot.Ref, lease.Ref.TrialKey, lease.Ref.Attempt, e.Message);
                slot.RequestStop(lease.Ref);
                slot.Release(lease.Ref);
                HandBack(lease, unstarted: true);
                return false;
            }
            if (reply == RunReply.Started)
            {
                await ServeAsync(slot, lease.Ref, stoppingToken);
                return true;
            }
            if (reply != RunReply.WrongSilo || attempt == WrongSiloRetries)
            {
                logger.LogInformation("Slot {Slot}: trial {Trial} answered {Reply}", slot.Ref, lease.Ref.TrialKey, reply);
                // Not AlreadyDone: that trial's outcome is committed, so the coordinator holds no lease for it to take back.
                if (reply is RunReply.Stopped or RunReply.Stale) HandBack(lease);
                if (reply is RunReply.WrongSilo) HandBack(lease, unstarted: true);
                slot.Release(lease.Ref);
                return reply != RunReply.WrongSilo;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
        }
    }

    /// <summary>
    /// Waits for the slot's trial to release it, claiming its next trial ahead meanwhile; a trial claimed ahead that
    /// accepted its start is served the same way, without a claim or a start between the two.
    /// </summary>
    private async Task ServeAsync(Slot slot, LeaseRef lease, CancellationToken stoppingToken)
    {
        // Drain: a stopping silo stops its trials (within one batch), which hand their leases back while the silo is
        // still up, instead of holding the shutdown until they finish.
        using var drain = stoppingToken.Register(slot.RequestStop);
        while (true)
        {
            await ClaimAheadAsync(slot, lease, stoppingToken);
            await slot.WhenReleasedOf(lease);
            if (slot.Queued is not { } queued) return;
            metrics.WentOn();
            lease = queued.Ref;
        }
    }

    /// <summary>
    /// Gives a lease back to its sweep as an interruption (<paramref name="unstarted"/>: the cluster could not start it),
    /// in the background so the slot does not wait: retried while the coordinator is out of reach (moving off a dead
    /// silo), until it answers or the lease would have expired anyway.
    /// </summary>
    private void HandBack(TrialLease lease, bool unstarted = false)
    {
        var task = HandBackAsync(lease, unstarted);
        _handBacks[task] = true;
        task.ContinueWith(t => _handBacks.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task HandBackAsync(TrialLease lease, bool unstarted)
    {
        var sweep = grains.GetGrain<ISweepGrain>(lease.Ref.SweepId);
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var delay = TimeSpan.FromMilliseconds(Math.Min(200 * attempt, 2000));
            try
            {
                await (unstarted ? sweep.ReturnUnstarted(lease.Ref) : sweep.Release(lease.Ref, null));
                return;
            }
            catch (Exception e) when (Stopwatch.GetElapsedTime(started) + delay < lease.LeaseTimeout)
            {
                logger.LogInformation("Handing back {Trial} attempt {Attempt} failed (try {Try}): {Error}", lease.Ref.TrialKey, lease.Ref.Attempt, attempt, e.Message);
                await Task.Delay(delay);
            }
            catch (Exception e)
            {
                logger.LogWarning("Handing back {Trial} attempt {Attempt} failed; its lease expires instead: {Error}", lease.Ref.TrialKey, lease.Ref.Attempt, e.Message);
                return;
            }
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
    /// Shortly before the slot's trial should end its last epoch, claims the slot's next trial and starts it here: its
    /// first epoch waits on the slot's thread behind this one, so neither the claim, the activation nor the start (a few
    /// milliseconds of hops) stands between two trials. Only when epochs are short (<see cref="SlotOptions.ClaimAheadBelow"/>):
    /// a lease claimed ahead is held, and shown as claimed, before it runs.
    /// </summary>
    private async Task ClaimAheadAsync(Slot slot, LeaseRef lease, CancellationToken stoppingToken)
    {
        var released = slot.WhenReleasedOf(lease);
        if (await Task.WhenAny(slot.WhenFinishingOf(lease), released) == released) return;
        if (stoppingToken.IsCancellationRequested || slot.Next is not null || slot.LastEpoch is not { } epoch || epoch >= pool.Options.ClaimAheadBelow) return;
        // Claim near the epoch's expected end, not at its start: the lease is then held (and shown claimed) for a
        // fifth of an epoch at most, still ample for a claim, an activation and a start (milliseconds).
        var lead = TimeSpan.FromTicks(Math.Max(epoch.Ticks / 5, MinimumLead.Ticks));
        if (epoch > lead && await Task.WhenAny(Task.Delay(epoch - lead, stoppingToken), released) == released) return;
        if (stoppingToken.IsCancellationRequested) return;
        try
        {
            if (await ClaimAsync(slot, ahead: true) is not { } next) return;
            slot.SetNext(next);
            if (await OnThisSilo(() => grains.GetGrain<ITrialGrain>(next.Ref.TrialKey).Run(next, slot.Ref)) == RunReply.Started)
                slot.MarkQueued(next.Ref);
            // Any other answer is the slot's to act on when it takes the lease, as for a lease it claims then.
        }
        catch (Exception e)
        {
            // The slot claims in its loop instead (asking a claim that failed again first); a lease claimed ahead stays
            // with the slot either way, and its start hands it back if the trial cannot be reached.
            logger.LogInformation("Slot {Slot}: claim ahead: {Error}", slot.Ref, e.Message);
        }
    }

    private sealed record PendingClaim(string SweepId, Guid Id, long Since);

    /// <summary>The lease claimed ahead for this slot; one revoked meanwhile (pause, cancel) goes back to its sweep.</summary>
    private TrialLease? TakeNext(Slot slot)
    {
        if (slot.TakeNext() is not { } next) return null;
        if (!next.Revoked) return next.Lease;
        slot.Release(next.Lease.Ref);
        HandBack(next.Lease);
        return null;
    }
}
