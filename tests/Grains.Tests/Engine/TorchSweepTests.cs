using static OrleansSweep.Grains.Tests.Engine.SweepCompletionTests;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Grains.Tests.Engine;

/// <summary>
/// The engine with the real TorchSharp trainer on a small real Fashion-MNIST subset: a sweep completes,
/// and a silo killed mid-sweep changes nothing in the results, to the last bit (CPU, one thread per slot).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TorchSweepTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    private static SweepSpec Spec(string name) => TestSweepCluster.Spec(name, epochs: 3, subset: 600, leaseSeconds: 10, learningRate: 1e-2, filters: 8);

    [Fact]
    public async Task A_real_sweep_completes_and_twins_start_from_the_same_weights()
    {
        await using var cluster = await TestSweepCluster.StartAsync(3, runner: null);
        await cluster.Client.GetGrain<ISweepGrain>("torch").Start(Spec("torch"));
        var status = await cluster.WaitForEndAsync("torch", Timeout);

        Assert.Equal(12, status.Counts[TrialStatus.Completed]);
        var results = await cluster.ResultsAsync("torch");
        Assert.All(results, r =>
        {
            Assert.Equal(3, r.Outcome!.Epochs);
            Assert.True(double.IsFinite(r.Outcome.Final!.ValLoss), $"trial {r.TrialIndex} has no validation loss");
            Assert.True(r.Outcome.Parameters > 0);
        });
        // 600 images, 3 epochs: far from converged, but well above chance (10%).
        Assert.True(results.Average(r => r.Outcome!.Final!.ValAccuracy) > 0.3, "the trials did not learn");
        // Sequential/parallel twins are neighbours, share a seed and have the same parameter count.
        foreach (var pair in results.Chunk(2))
        {
            Assert.Equal((Architecture.Sequential, Architecture.Parallel), (pair[0].Config.Architecture, pair[1].Config.Architecture));
            Assert.Equal(pair[0].Config.Seed, pair[1].Config.Seed);
            Assert.Equal(pair[0].Outcome!.Parameters, pair[1].Outcome!.Parameters);
        }
        AssertCommittedOnce(cluster, 12);
    }

    [Fact]
    public async Task Killing_a_silo_mid_training_gives_bit_identical_results()
    {
        IReadOnlyList<TrialSummary> expected;
        await using (var faultFree = await TestSweepCluster.StartAsync(1, runner: null, slotsOfSilo: _ => 2))
        {
            await faultFree.Client.GetGrain<ISweepGrain>("torch-kill").Start(Spec("torch-kill"));
            await faultFree.WaitForEndAsync("torch-kill", Timeout);
            expected = await faultFree.ResultsAsync("torch-kill");
        }

        await using var cluster = await TestSweepCluster.StartAsync(3, runner: null);
        await cluster.Client.GetGrain<ISweepGrain>("torch-kill").Start(Spec("torch-kill"));
        var victim = await WaitForRunningTrialAsync(cluster, "torch-kill", minEpochs: 1, excludeCoordinator: true);
        await cluster.Cluster.KillSiloAsync(cluster.SiloOf(victim));

        var status = await cluster.WaitForEndAsync("torch-kill", Timeout);
        Assert.Equal(12, status.Counts[TrialStatus.Completed]);
        // An in-process "kill" still stops the silo's hosted services, so its slots may hand their trials back
        // (drain) before the silo dies instead of letting the leases expire: either way the trial is leased again.
        var results = await cluster.ResultsAsync("torch-kill");
        Assert.True(results.Any(r => r.Interruptions > 0), "the killed silo's trials should have been leased again");
        Assert.All(results, r => Assert.Equal(1, r.Attempts));             // an interruption, not a failure of the trial
        AssertSameResults(expected, results);
        AssertCommittedOnce(cluster, 12);

        // The interrupted trials resumed from their checkpoints, not from scratch.
        var snapshots = await Task.WhenAll(results.Where(r => r.Interruptions > 0)
            .Select(r => cluster.Client.GetGrain<ITrialGrain>(LeaseRef.TrialKeyOf("torch-kill", r.TrialIndex)).GetSnapshot()));
        Assert.NotEmpty(snapshots);
        Assert.Contains(snapshots, s => s.Attempts[^1].EpochAtStart >= 1);
    }
}
