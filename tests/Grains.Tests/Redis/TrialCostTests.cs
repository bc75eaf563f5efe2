using System.Collections.Concurrent;
using Orleans.Runtime.Placement;
using OrleansSweep.Grains.Tests.Engine;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using static OrleansSweep.Grains.Tests.Redis.RedisSweepTests;

namespace OrleansSweep.Grains.Tests.Redis;

/// <summary>
/// What one trial costs the cluster in grain calls and Redis commands (docs/architecture.md, "What a trial costs"),
/// counted over a sweep of 8 trials × 3 epochs with its coordinator on a silo without slots and one slot on the other,
/// so trials run one at a time and every call between a trial and its coordinator crosses silos. A change that adds a
/// call or a state write per trial, or per epoch, fails here.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class TrialCostTests(RedisFixture redis)
{
    private const int Trials = 8, Epochs = 3;

    [Fact]
    public async Task A_trial_costs_a_claim_a_report_per_epoch_but_the_last_a_commit_one_state_read_and_one_write_per_epoch_and_two_more()
    {
        var calls = new ConcurrentDictionary<string, int>();
        await using var cluster = await RedisSweepCluster.StartAsync(redis.Server, 2, Runner(100), slotsOfSilo: i => i == 0 ? 0 : 1,
            configure: silo => silo.AddIncomingGrainCallFilter(async call =>
            {
                // Counted before the call runs (the sweep's last commit ends it, and the test reads the counts at once),
                // except a claim, which counts only when granted.
                var name = call.InterfaceMethod.Name;
                if (name != nameof(ISweepGrain.Claim)) calls.AddOrUpdate(name, 1, (_, n) => n + 1);
                await call.Invoke();
                if (name == nameof(ISweepGrain.Claim) && call.Result is not null) calls.AddOrUpdate(name, 1, (_, n) => n + 1);
            }));
        await using var inspector = await RedisInspector.ConnectAsync(redis.Server);
        var spec = TestSweepCluster.Spec("cost", layersCount: 2, epochs: Epochs, leaseSeconds: 600);
        var sweep = cluster.Client.GetGrain<ISweepGrain>("cost");
        await cluster.Client.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).List();   // active before counting, as in any cluster
        var before = await inspector.CommandCallsAsync();
        calls.Clear();

        // The coordinator on the silo without slots, as bench/run.sh scheduling --cluster places it.
        RequestContext.Set(IPlacementDirector.PlacementHintKey, cluster.Cluster.Silos[0].SiloAddress);
        Assert.Equal(Trials, (await sweep.Start(spec)).Trials);
        RequestContext.Clear();
        var status = await cluster.WaitForEndAsync("cost", TimeSpan.FromSeconds(90));
        Assert.Equal(Trials, status.Counts[TrialStatus.Completed]);
        Assert.Equal(cluster.Cluster.Silos[0].SiloAddress.ToParsableString(), status.CoordinatorSilo);
        var redisCalls = Delta(before, await inspector.CommandCallsAsync());
        Console.WriteLine($"{Trials} trials × {Epochs} epochs: {string.Join(", ", calls.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value}"))}; " +
                          $"Redis {string.Join(", ", redisCalls.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value}"))}");

        // Grain calls per trial: a claim (granted), the slot's Run (for a trial claimed ahead, the start that queues it
        // behind the one before: every trial after the first here), a progress report per epoch but the last, the commit.
        Assert.Equal(Trials, calls.GetValueOrDefault(nameof(ISweepGrain.Claim)));
        Assert.Equal(Trials, calls.GetValueOrDefault(nameof(ITrialGrain.Run)));
        Assert.Equal(Trials * (Epochs - 1), calls.GetValueOrDefault(nameof(ISweepGrain.ReportProgress)));
        Assert.Equal(Trials, calls.GetValueOrDefault(nameof(ISweepGrain.Complete)));
        Assert.Equal(0, calls.GetValueOrDefault(nameof(ITrialGrain.GetSnapshot)));

        // Redis: a state read is one HGETALL, a state write one EVALSHA whose script checks the etag (HGET) and writes (HMSET);
        // a connection's first write of the script may be refused (NOSCRIPT) and sent again as EVAL, so writes count as HMSETs.
        // Reads: one per trial activation, and the coordinator's two states once (result pages are read when the first is
        // written, after 32 outcomes).
        Assert.Equal(Trials + 2, redisCalls.GetValueOrDefault("hgetall"));
        // Writes: the trial writes its attempt record, each epoch but the last, then the last epoch with its outcome
        // (Epochs + 1); the coordinator at most once per acknowledged call (claim, reports, commit: Epochs + 1), fewer when
        // group commit shares a write; plus the sweep's start (2 states) and the registry (running, completed).
        var writes = redisCalls.GetValueOrDefault("hmset");
        Assert.InRange(writes, Trials * (Epochs + 1) + Trials + 4, 2 * Trials * (Epochs + 1) + 4);
    }

    private static Dictionary<string, long> Delta(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        after.ToDictionary(kv => kv.Key, kv => kv.Value - before.GetValueOrDefault(kv.Key));
}
