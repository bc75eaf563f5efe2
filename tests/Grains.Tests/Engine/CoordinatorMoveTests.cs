using OrleansSweep.Grains.Trials;
using static OrleansSweep.Grains.Tests.Engine.TestSweepCluster;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Grains.Tests.Engine;

/// <summary>
/// A coordinator whose silo stops gracefully (drain) moves to another silo; the trials training on the other silos
/// meanwhile must not notice: no attempt of theirs fails and no retry is counted.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CoordinatorMoveTests
{
    [Fact]
    public async Task Stopping_the_coordinators_silo_fails_no_attempt_on_the_other_silos()
    {
        await using var cluster = await StartAsync(3, new SimulatedTrainer(new() { EpochDuration = TimeSpan.FromMilliseconds(200) }));
        var sweep = cluster.Client.GetGrain<ISweepGrain>("move");
        await sweep.Start(Spec("move", epochs: 4, leaseSeconds: 600, replicates: 2));   // 24 trials of 0.8 s on 6 slots
        var coordinator = (await sweep.GetStatus()).CoordinatorSilo;
        await WaitUntilAsync(async () => (await sweep.GetStatus()).Running.Count(r => !r.Slot.StartsWith(coordinator + "#", StringComparison.Ordinal) && r.EpochsDone >= 1) >= 2);

        await cluster.Cluster.StopSiloAsync(cluster.SiloOf(coordinator));

        var status = await cluster.WaitForEndAsync("move", TimeSpan.FromSeconds(90));
        Assert.Equal(24, status.Counts[TrialStatus.Completed]);
        var snapshots = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => cluster.Client.GetGrain<ITrialGrain>($"move/{i}").GetSnapshot()));
        var failed = snapshots.SelectMany(s => s.Attempts.Where(a => a.Error is not null && !a.Slot.StartsWith(coordinator + "#", StringComparison.Ordinal))
            .Select(a => $"{s.TrialKey} attempt {a.Attempt} on {a.Slot}: {a.Error}")).ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed));
        Assert.Equal(0, status.Retries);
    }
}
