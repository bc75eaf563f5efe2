using OrleansSweep.Grains.Trials;
using OrleansSweep.Hosting.Storage;
using static OrleansSweep.Grains.Tests.Engine.TestSweepCluster;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Grains.Tests.Engine;

/// <summary>
/// Storage outages at the coordinator and at the trials, on leases of 10 minutes: a lease left behind by a failed call
/// would hold its trial until the test times out, and a cluster fault charged to a trial would show as an attempt.
/// (A silo killed while slots claim: tests/Silo.Tests/Cluster/LeaseLeakTests.)
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LeaseLeakTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>16 trials of two 100 ms epochs.</summary>
    private static SweepSpec LongLeases(string name) => Spec(name, layersCount: 1, epochs: 2, leaseSeconds: 600, replicates: 4);

    private static SimulatedTrainer Trainer() => new(new() { EpochDuration = TimeSpan.FromMilliseconds(100) });

    /// <summary>
    /// While the coordinator's state cannot be written, its claims fail after the lease is recorded (in memory, to be
    /// written later): the reply is lost. The slot asks again with the same claim id and runs that lease. Progress
    /// reports and commits fail for 6 s too, longer than a trial once retried them, and wait it out.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_claim_whose_reply_is_lost_is_run_not_leaked(bool claimAhead)
    {
        var name = claimAhead ? "lost-claim-ahead" : "lost-claim";
        var outage = new StorageOutage();
        await using var cluster = await StartAsync(1, Trainer(), slotsOfSilo: _ => 1, faults: new FaultInjectionOptions { Outage = outage },
            settings: new Dictionary<string, string?> { ["Slots:ClaimAheadBelow"] = claimAhead ? "00:00:05" : "00:00:00" });
        var sweep = cluster.Client.GetGrain<ISweepGrain>(name);
        await sweep.Start(LongLeases(name));
        await WaitUntilAsync(async () => (await sweep.GetStatus()).Counts[TrialStatus.Completed] >= 2);

        outage.Begin("sweep");                                     // the coordinator's main state, written by every claim
        await Task.Delay(TimeSpan.FromSeconds(6));               // the slot's trials end, and its claims fail, meanwhile
        outage.End();

        var status = await cluster.WaitForEndAsync(name, Timeout);
        Assert.Equal(16, status.Counts[TrialStatus.Completed]);
        Assert.Equal((0L, 0L, 0L), (status.LeaseExpiries, status.Retries, status.Interruptions));
        Assert.All(await cluster.ResultsAsync(name), r => Assert.Equal((1, 0), (r.Attempts, r.Interruptions)));
    }

    /// <summary>
    /// While the trials' state cannot be read or written, trials cannot activate (their slot hands the lease back
    /// unstarted) or record their epochs (they stop and hand it back): interruptions, none of them an attempt.
    /// </summary>
    [Fact]
    public async Task A_storage_outage_at_the_trials_costs_them_no_attempt()
    {
        var outage = new StorageOutage();
        await using var cluster = await StartAsync(1, Trainer(), slotsOfSilo: _ => 2, faults: new FaultInjectionOptions { Outage = outage });
        var sweep = cluster.Client.GetGrain<ISweepGrain>("trial-outage");
        await sweep.Start(LongLeases("trial-outage"));
        await WaitUntilAsync(async () => (await sweep.GetStatus()).Counts[TrialStatus.Completed] >= 2);

        outage.Begin("trial");
        await Task.Delay(TimeSpan.FromSeconds(3));
        outage.End();

        var status = await cluster.WaitForEndAsync("trial-outage", Timeout);
        Assert.Equal(16, status.Counts[TrialStatus.Completed]);
        Assert.Equal((0L, 0L), (status.LeaseExpiries, status.Retries));
        Assert.True(status.Interruptions > 0, "the outage should have interrupted a trial");
        var results = await cluster.ResultsAsync("trial-outage");
        Assert.All(results, r => Assert.Equal(1, r.Attempts));
        Assert.Equal(status.Interruptions, results.Sum(r => r.Interruptions));
    }
}
