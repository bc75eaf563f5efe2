using OrleansSweep.Grains.Tests.Engine;
using static OrleansSweep.Grains.Tests.Engine.SweepCompletionTests;
using static OrleansSweep.Grains.Tests.Redis.RedisSweepTests;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Grains.Tests.Redis;

/// <summary>Recovery in cluster mode: every silo restarted on the same Redis, and Redis itself restarted mid-sweep.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisRestartTests(RedisFixture redis)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task After_every_silo_stops_a_new_cluster_on_the_same_Redis_finishes_the_sweep_unasked()
    {
        var serviceId = $"redis-restart-{Guid.NewGuid():N}";
        var checkpoints = Directory.CreateTempSubdirectory("sweep-redis-restart-").FullName;
        var observer = new RecordingObserver();
        await using var inspector = await RedisInspector.ConnectAsync(redis.Server);
        await using (var first = await RedisSweepCluster.StartAsync(redis.Server, 2, Runner(400), serviceId, checkpoints, observer))
        {
            await first.Client.GetGrain<ISweepGrain>("redis-restart").Start(TestSweepCluster.Spec("redis-restart"));
            await WaitForRunningTrialAsync(first, "redis-restart", minEpochs: 1, excludeCoordinator: false);
        }
        Assert.True(observer.Commits.Count < 12, "the sweep should still have been running when the silos stopped");
        Assert.Contains(await inspector.RemindersAsync(serviceId), r => r.Contains("keep-alive"));

        await using var second = await RedisSweepCluster.StartAsync(redis.Server, 2, Runner(400), serviceId, checkpoints, observer);
        // No client call: the slot workers find the running sweep in the registry (in Redis) and its coordinator
        // reloads from Redis; its keep-alive reminder (also in Redis) would wake it too.
        var deadline = DateTime.UtcNow + Timeout;
        while (observer.Commits.Select(c => c.Trial).Distinct().Count() < 12 && DateTime.UtcNow < deadline) await Task.Delay(200);

        var status = await second.WaitForEndAsync("redis-restart", TimeSpan.FromSeconds(5));
        Assert.Equal(12, status.Counts[TrialStatus.Completed]);
        AssertSameResults(await FaultFreeResults.GetAsync(), await second.ResultsAsync("redis-restart"));
        AssertCommittedOnce(second, 12);
        Assert.DoesNotContain(await inspector.RemindersAsync(serviceId), r => r.Contains("keep-alive"));
    }

    /// <summary>
    /// 2 s: StackExchange.Redis holds the commands in its backlog and sends them on reconnect, so grains just wait.
    /// 8 s: longer than the client's 5 s timeout and the 5 s leases: writes fail and are retried, heartbeats stall,
    /// leases expire and trials move to other silos' slots while every silo is alive.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    public async Task A_Redis_restart_mid_sweep_loses_nothing(int downSeconds)
    {
        await using var durable = await RedisServer.StartAsync(appendOnly: true);
        await using var cluster = await RedisSweepCluster.StartAsync(durable, 3, Runner(300));
        await using var inspector = await RedisInspector.ConnectAsync(durable);
        var sweep = cluster.Client.GetGrain<ISweepGrain>("redis-outage");
        await sweep.Start(TestSweepCluster.Spec("redis-outage"));
        await WaitForRunningTrialAsync(cluster, "redis-outage", minEpochs: 1, excludeCoordinator: false);

        var keysBefore = inspector.Keys(cluster.ServiceId);
        await durable.StopAsync();
        var committedBefore = cluster.Observer.Commits.Count;
        await Task.Delay(TimeSpan.FromSeconds(downSeconds));
        await durable.StartAgainAsync();
        Assert.True(committedBefore < 12, "the sweep should still have been running when Redis stopped");
        Assert.Contains("DB loaded from append only file", File.ReadAllText(durable.LogFile));
        await using (var fresh = await RedisInspector.ConnectAsync(durable))
            Assert.Empty(keysBefore.Except(fresh.Keys(cluster.ServiceId)));

        var status = await cluster.WaitForEndAsync("redis-outage", Timeout);
        Assert.Equal(12, status.Counts[TrialStatus.Completed]);
        AssertSameResults(await FaultFreeResults.GetAsync(), await cluster.ResultsAsync("redis-outage"));
        AssertCommittedOnce(cluster, 12);
        var (_, data) = await inspector.GrainStateAsync(cluster.ServiceId, sweep.GetGrainId(), "sweep");
        Assert.Equal("Completed", data.GetProperty("Phase").GetString());
    }
}
