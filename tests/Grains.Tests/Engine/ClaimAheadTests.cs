using OrleansSweep.Grains.Trials;
using Orleans.TestingHost;
using static OrleansSweep.Grains.Tests.Engine.TestSweepCluster;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Grains.Tests.Engine;

/// <summary>
/// A slot with short epochs claims its next trial while it trains the current one's last epoch. Such a lease is held
/// before it runs, so a stopping silo must hand it back, and a pause must keep it from starting.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClaimAheadTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// 8 one-epoch trials of 2 s (a slot claims ahead in the last 0.4 s of each); leases of 10 minutes, so a lease that
    /// is not handed back would show as a lease expiry (its silo's death) or a timeout.
    /// </summary>
    private static SweepSpec Spec(string name) => TestSweepCluster.Spec(name, layersCount: 1, epochs: 1, leaseSeconds: 600, replicates: 2);

    private static Task<TestSweepCluster> StartAsync(int silos) =>
        TestSweepCluster.StartAsync(silos, new SimulatedTrainer(new() { EpochDuration = TimeSpan.FromSeconds(2) }), slotsOfSilo: _ => 1);

    [Fact]
    public async Task A_stopping_silo_hands_back_the_lease_it_claimed_ahead()
    {
        await using var cluster = await StartAsync(2);
        var sweep = cluster.Client.GetGrain<ISweepGrain>("ahead-drain");
        await sweep.Start(Spec("ahead-drain"));
        var coordinator = (await sweep.GetStatus()).CoordinatorSilo;
        var other = cluster.Cluster.Silos.Single(s => s.SiloAddress.ToParsableString() != coordinator);

        await WaitUntilAsync(async () => HeldBy(await sweep.GetStatus(), other) == 2);   // its trial, and the next one claimed ahead
        await cluster.Cluster.StopSiloAsync(other);

        var status = await cluster.WaitForEndAsync("ahead-drain", Timeout);
        Assert.Equal(8, status.Counts[TrialStatus.Completed]);
        Assert.Equal((0, 0), (status.LeaseExpiries, status.Retries));
    }

    [Fact]
    public async Task A_pause_keeps_a_lease_claimed_ahead_from_starting()
    {
        await using var cluster = await StartAsync(1);
        var sweep = cluster.Client.GetGrain<ISweepGrain>("ahead-pause");
        await sweep.Start(Spec("ahead-pause"));
        await WaitUntilAsync(async () => (await sweep.GetStatus()).Running.Count == 2);

        await sweep.Pause();                                       // returns once the running trial has stopped
        var paused = await sweep.GetStatus();
        await Task.Delay(3000);                                    // longer than an epoch: a trial that slipped through would commit
        var stillPaused = await sweep.GetStatus();
        Assert.Equal(paused.Counts[TrialStatus.Completed], stillPaused.Counts[TrialStatus.Completed]);
        Assert.Empty(stillPaused.Running);

        await sweep.Resume();
        var status = await cluster.WaitForEndAsync("ahead-pause", Timeout);
        Assert.Equal(8, status.Counts[TrialStatus.Completed]);
        Assert.Equal((0, 0), (status.LeaseExpiries, status.Retries));
    }

    [Fact]
    public async Task Status_shows_a_lease_claimed_ahead_as_claimed_never_more_trials_running_than_slots()
    {
        await using var cluster = await StartAsync(1);                                 // one slot
        var sweep = cluster.Client.GetGrain<ISweepGrain>("ahead-status");
        await sweep.Start(Spec("ahead-status"));

        var (maxRunning, claimedSeen) = (0L, 0);
        SweepStatus status;
        do
        {
            status = await sweep.GetStatus();
            maxRunning = Math.Max(maxRunning, status.Counts[TrialStatus.Running]);
            Assert.Equal(status.Claimed, status.Running.Count(r => r.Claimed));
            Assert.True(status.Counts[TrialStatus.Running] <= 1, $"{status.Counts[TrialStatus.Running]} trials training on one slot");
            if (status.Claimed > 0) claimedSeen++;
            await Task.Delay(25);
        } while (status.Phase == SweepPhase.Running);

        Assert.Equal(8, status.Counts[TrialStatus.Completed]);
        Assert.Equal(1, maxRunning);
        Assert.True(claimedSeen > 0, "no lease was ever claimed ahead: the test saw nothing to show");
    }

    private static int HeldBy(SweepStatus status, InProcessSiloHandle silo) =>
        status.Running.Count(r => r.Slot.StartsWith(silo.SiloAddress.ToParsableString() + "#", StringComparison.Ordinal));
}
