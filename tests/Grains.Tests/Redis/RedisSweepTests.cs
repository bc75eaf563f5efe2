using OrleansSweep.Grains.Tests.Engine;
using OrleansSweep.Grains.Trials;
using static OrleansSweep.Grains.Tests.Engine.SweepCompletionTests;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Grains.Tests.Redis;

/// <summary>Cluster mode's storage on a real redis-server: a sweep on 3 silos, plain and with a killed worker silo.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisSweepTests(RedisFixture redis)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    internal static SimulatedTrainer Runner(int epochMs) => new(new SimulatedTrainerOptions { EpochDuration = TimeSpan.FromMilliseconds(epochMs) });

    [Fact]
    public async Task A_sweep_completes_with_its_state_and_reminder_in_Redis()
    {
        await using var cluster = await RedisSweepCluster.StartAsync(redis.Server, 3, Runner(150));
        await using var inspector = await RedisInspector.ConnectAsync(redis.Server);
        var sweep = cluster.Client.GetGrain<ISweepGrain>("redis-plain");
        Assert.True((await sweep.Start(TestSweepCluster.Spec("redis-plain"))).Accepted);
        Assert.Contains(await inspector.RemindersAsync(cluster.ServiceId), r => r.Contains("keep-alive"));

        var status = await cluster.WaitForEndAsync("redis-plain", Timeout);
        Assert.Equal(12, status.Counts[TrialStatus.Completed]);
        AssertSameResults(await FaultFreeResults.GetAsync(), await cluster.ResultsAsync("redis-plain"));
        AssertCommittedOnce(cluster, 12);

        // What Redis holds is the coordinator's System.Text.Json state: its journal has every trial Completed
        // (12 finished trials are fewer than a fold), beside the per-trial snapshot of 12 status bytes.
        var (fields, data) = await inspector.GrainStateAsync(cluster.ServiceId, sweep.GetGrainId(), "sweep");
        Assert.Equal(["data", "etag"], fields);
        Assert.Equal("Completed", data.GetProperty("Phase").GetString());
        var finished = data.GetProperty("Finished").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 12), finished.Select(f => f.GetProperty("Index").GetInt32()).Order());
        Assert.All(finished, f => Assert.Equal("Completed", f.GetProperty("Status").GetString()));
        var (_, snapshot) = await inspector.GrainStateAsync(cluster.ServiceId, sweep.GetGrainId(), "sweep-trials");
        Assert.Equal(12, snapshot.GetProperty("Statuses").GetBytesFromBase64().Length);

        // One key per grain state, nothing else; the reminder is gone with the sweep.
        var expected = Enumerable.Range(0, 12)
            .Select(i => RedisInspector.StateKey(cluster.ServiceId, cluster.Client.GetGrain<ITrialGrain>(LeaseRef.TrialKeyOf("redis-plain", i)).GetGrainId(), "trial"))
            .Append(RedisInspector.StateKey(cluster.ServiceId, sweep.GetGrainId(), "sweep"))
            .Append(RedisInspector.StateKey(cluster.ServiceId, sweep.GetGrainId(), "sweep-trials"))
            .Append(RedisInspector.StateKey(cluster.ServiceId, cluster.Client.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).GetGrainId(), "registry"));
        Assert.Equal(expected.Order(), inspector.Keys(cluster.ServiceId));
        Assert.DoesNotContain(await inspector.RemindersAsync(cluster.ServiceId), r => r.Contains("keep-alive"));
    }

    [Fact]
    public async Task Killing_the_silo_that_runs_trials_loses_nothing()
    {
        await using var cluster = await RedisSweepCluster.StartAsync(redis.Server, 3, Runner(300));
        await cluster.Client.GetGrain<ISweepGrain>("redis-kill").Start(TestSweepCluster.Spec("redis-kill"));

        var victim = await WaitForRunningTrialAsync(cluster, "redis-kill", minEpochs: 1, excludeCoordinator: true);
        await cluster.Cluster.KillSiloAsync(cluster.SiloOf(victim));

        var status = await cluster.WaitForEndAsync("redis-kill", Timeout);
        Assert.Equal(12, status.Counts[TrialStatus.Completed]);
        // An in-process "kill" still stops the silo's hosted services, so its slots may hand their trials back
        // (drain) before the silo dies instead of letting the leases expire: either way the trial is leased again.
        var results = await cluster.ResultsAsync("redis-kill");
        Assert.True(results.Any(r => r.Interruptions > 0), "the killed silo's trials should have been leased again");
        Assert.All(results, r => Assert.Equal(1, r.Attempts));             // an interruption, not a failure of the trial
        AssertSameResults(await FaultFreeResults.GetAsync(), results);
        AssertCommittedOnce(cluster, 12);
    }
}
