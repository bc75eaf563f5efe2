using OrleansSweep.Grains.Trials;
using OrleansSweep.Wire;
using OrleansSweep.Interfaces;

namespace OrleansSweep.Grains.Tests.Engine;

/// <summary>Sweeps on a 3-silo cluster with the simulated trainer: plain completion and the silo faults.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SweepCompletionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private static SimulatedTrainer Runner(int epochMs = 150) => new(new SimulatedTrainerOptions { EpochDuration = TimeSpan.FromMilliseconds(epochMs) });

    [Fact]
    public async Task A_sweep_completes_with_every_trial_committed_once()
    {
        await using var cluster = await TestSweepCluster.StartAsync(3, Runner());
        var spec = TestSweepCluster.Spec("plain");
        var reply = await cluster.Client.GetGrain<ISweepGrain>("plain").Start(spec);
        Assert.True(reply.Accepted, reply.Error);
        Assert.Equal(12, reply.Trials);

        var status = await cluster.WaitForEndAsync("plain", Timeout);
        Assert.Equal(SweepPhase.Completed, status.Phase);
        Assert.Equal(12, status.Counts[TrialStatus.Completed]);
        var results = await cluster.ResultsAsync("plain");
        Assert.All(results, r => Assert.Equal((TrialStatus.Completed, 3), (r.Status, r.Outcome!.Epochs)));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), cluster.Observer.Commits.Select(c => c.Trial).Order());
        Assert.Equal(2, status.Arms.Count);                                      // fashion-mnist × {sequential, parallel}
    }

    [Fact]
    public async Task Starting_again_is_idempotent_and_a_different_spec_is_refused()
    {
        await using var cluster = await TestSweepCluster.StartAsync(1, Runner());
        var sweep = cluster.Client.GetGrain<ISweepGrain>("twice");
        Assert.True((await sweep.Start(TestSweepCluster.Spec("twice"))).Accepted);
        var again = await sweep.Start(TestSweepCluster.Spec("twice"));
        Assert.True(again is { Accepted: true, AlreadyStarted: true });
        var different = await sweep.Start(TestSweepCluster.Spec("twice", filters: 8));
        Assert.False(different.Accepted);
        Assert.Equal("name", different.Field);
        Assert.Contains("different spec", different.Error);
        var raisedTooEarly = await sweep.Start(TestSweepCluster.Spec("twice", epochs: 5));   // still running
        Assert.Equal((false, "epochs"), (raisedTooEarly.Accepted, raisedTooEarly.Field));
        Assert.Contains("once it has completed", raisedTooEarly.Error);
    }

    [Fact]
    public async Task Raising_the_epochs_of_a_completed_sweep_trains_its_completed_trials_on_and_leaves_diverged_ones()
    {
        // Trial 0 diverges in its second epoch; the others complete 2 epochs, then train on to 4.
        var runner = new SimulatedTrainer(new SimulatedTrainerOptions
        {
            EpochDuration = TimeSpan.FromMilliseconds(50), Diverges = (config, epoch) => config.Index == 0 && epoch == 2,
        });
        await using var cluster = await TestSweepCluster.StartAsync(2, runner);
        var sweep = cluster.Client.GetGrain<ISweepGrain>("raise");
        Assert.True((await sweep.Start(TestSweepCluster.Spec("raise", epochs: 2))).Accepted);
        await cluster.WaitForEndAsync("raise", Timeout);
        var before = await sweep.GetHistories([.. Enumerable.Range(0, 12).Select(i => (long)i)]);

        var lowered = await sweep.Start(TestSweepCluster.Spec("raise", epochs: 1));
        Assert.Equal((false, "epochs"), (lowered.Accepted, lowered.Field));
        var raised = await sweep.Start(TestSweepCluster.Spec("raise", epochs: 4));
        Assert.True(raised.Accepted, raised.Error);
        Assert.Equal(11, raised.Reopened);
        Assert.True((await sweep.Start(TestSweepCluster.Spec("raise", epochs: 4))) is { Accepted: true, Reopened: 0 });   // idempotent

        var status = await cluster.WaitForEndAsync("raise", Timeout);
        Assert.Equal((SweepPhase.Completed, 11L, 1L), (status.Phase, status.Counts[TrialStatus.Completed], status.Counts[TrialStatus.Diverged]));
        Assert.Equal(12, status.Arms.Sum(a => a.Finished));                      // each trial counted once in its arm
        var results = await cluster.ResultsAsync("raise");
        var after = await sweep.GetHistories([.. Enumerable.Range(0, 12).Select(i => (long)i)]);
        Assert.Equal((TrialStatus.Diverged, 2, 1), (results[0].Status, results[0].Outcome!.Epochs, results[0].Attempts));
        Assert.Equal(before[0], after[0]);
        foreach (var r in results.Skip(1))
        {
            Assert.Equal((TrialStatus.Completed, 4, 2, 0), (r.Status, r.Outcome!.Epochs, r.Attempts, r.Interruptions));
            Assert.Equal([1, 2, 3, 4], after[r.TrialIndex].Select(e => e.Epoch));
            Assert.Equal(before[r.TrialIndex], after[r.TrialIndex].Take(2));             // trained on from the checkpoint, not again
        }
    }

    [Fact]
    public async Task Killing_the_silo_that_runs_trials_loses_nothing_and_matches_a_fault_free_run()
    {
        var expected = await FaultFreeResultsAsync("kill-worker");
        await using var cluster = await TestSweepCluster.StartAsync(3, Runner(300));
        await cluster.Client.GetGrain<ISweepGrain>("kill-worker").Start(TestSweepCluster.Spec("kill-worker"));

        var victim = await WaitForRunningTrialAsync(cluster, "kill-worker", minEpochs: 1, excludeCoordinator: true);
        await cluster.Cluster.KillSiloAsync(cluster.SiloOf(victim));

        var status = await cluster.WaitForEndAsync("kill-worker", Timeout);
        Assert.Equal(12, status.Counts[TrialStatus.Completed]);
        // An in-process "kill" still stops the silo's hosted services, so its slots may hand their trials back
        // (drain) before the silo dies instead of letting the leases expire: either way the trial is leased again.
        var results = await cluster.ResultsAsync("kill-worker");
        Assert.True(results.Any(r => r.Interruptions > 0), "the killed silo's trials should have been leased again");
        Assert.All(results, r => Assert.Equal(1, r.Attempts));             // an interruption, not a failure of the trial
        AssertSameResults(expected, results);
        AssertCommittedOnce(cluster, 12);
    }

    [Fact]
    public async Task Killing_the_coordinators_silo_loses_nothing()
    {
        var expected = await FaultFreeResultsAsync("kill-coordinator");
        await using var cluster = await TestSweepCluster.StartAsync(3, Runner(300));
        var sweep = cluster.Client.GetGrain<ISweepGrain>("kill-coordinator");
        await sweep.Start(TestSweepCluster.Spec("kill-coordinator"));
        await WaitForRunningTrialAsync(cluster, "kill-coordinator", minEpochs: 1, excludeCoordinator: false);

        var coordinator = (await sweep.GetStatus()).CoordinatorSilo;
        await cluster.Cluster.KillSiloAsync(cluster.SiloOf(coordinator));

        var status = await cluster.WaitForEndAsync("kill-coordinator", Timeout);
        Assert.NotEqual(coordinator, status.CoordinatorSilo);
        Assert.Equal(12, status.Counts[TrialStatus.Completed]);
        AssertSameResults(expected, await cluster.ResultsAsync("kill-coordinator"));
        AssertCommittedOnce(cluster, 12);
    }

    [Fact]
    public async Task After_every_silo_stops_new_silos_on_the_same_storage_finish_the_sweep_unasked()
    {
        var expected = await FaultFreeResultsAsync("restart");
        var directory = Directory.CreateTempSubdirectory("sweep-restart-").FullName;
        var observer = new RecordingObserver();
        await using (var first = await TestSweepCluster.StartAsync(2, Runner(300), directory: directory, observer: observer))
        {
            await first.Client.GetGrain<ISweepGrain>("restart").Start(TestSweepCluster.Spec("restart"));
            await WaitForRunningTrialAsync(first, "restart", minEpochs: 1, excludeCoordinator: false);
        }
        var before = observer.Commits.Count;
        Assert.True(before < 12, "the sweep should still have been running when the silos stopped");

        await using var second = await TestSweepCluster.StartAsync(2, Runner(300), directory: directory, observer: observer);
        // No client call: the startup task and the slot pools must resume the sweep on their own.
        var deadline = DateTime.UtcNow + Timeout;
        while (observer.Commits.Select(c => c.Trial).Distinct().Count() < 12 && DateTime.UtcNow < deadline) await Task.Delay(200);

        var status = await second.WaitForEndAsync("restart", TimeSpan.FromSeconds(5));
        Assert.Equal(12, status.Counts[TrialStatus.Completed]);
        AssertSameResults(expected, await second.ResultsAsync("restart"));
        AssertCommittedOnce(second, 12);
    }

    [Fact]
    public async Task A_large_sweep_folds_its_journal_and_a_new_cluster_reads_it_back_exactly()
    {
        var directory = Directory.CreateTempSubdirectory("sweep-fold-").FullName;
        var spec = TestSweepCluster.Spec("fold", epochs: 1, replicates: 50);               // 600 trials: many folds of 32
        SweepStatus finished;
        await using (var cluster = await TestSweepCluster.StartAsync(1, Runner(1), slotsOfSilo: _ => 8, directory: directory))
        {
            await cluster.Client.GetGrain<ISweepGrain>("fold").Start(spec);
            finished = await cluster.WaitForEndAsync("fold", Timeout);
        }
        Assert.Equal(600, finished.Counts[TrialStatus.Completed]);

        await using var again = await TestSweepCluster.StartAsync(1, Runner(1), directory: directory);
        var reloaded = await again.Client.GetGrain<ISweepGrain>("fold").GetStatus();
        Assert.Equal(SweepPhase.Completed, reloaded.Phase);
        Assert.Equal(600, reloaded.Counts[TrialStatus.Completed]);
        Assert.Equal(finished.Arms, reloaded.Arms);
        var page = await again.Client.GetGrain<ISweepGrain>("fold").GetResults(590, 20);
        Assert.Equal(10, page.Items.Count);
        Assert.All(page.Items, t => Assert.Equal((TrialStatus.Completed, 1), (t.Status, t.Attempts)));
    }

    internal static async Task<IReadOnlyList<TrialSummary>> FaultFreeResultsAsync(string sweepId)
    {
        await using var cluster = await TestSweepCluster.StartAsync(1, Runner(20), slotsOfSilo: _ => 4);
        await cluster.Client.GetGrain<ISweepGrain>(sweepId).Start(TestSweepCluster.Spec(sweepId));
        await cluster.WaitForEndAsync(sweepId, Timeout);
        return await cluster.ResultsAsync(sweepId);
    }

    internal static void AssertSameResults(IReadOnlyList<TrialSummary> expected, IReadOnlyList<TrialSummary> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal(e.Config, a.Config);
            Assert.Equal(e.Status, a.Status);
            Assert.Equal(e.Outcome!.Final! with { Seconds = 0, SamplesPerSecond = 0 }, a.Outcome!.Final! with { Seconds = 0, SamplesPerSecond = 0 });   // timings differ
            Assert.Equal(e.Outcome.BestValLoss, a.Outcome.BestValLoss);
        }
    }

    internal static void AssertCommittedOnce(TestSweepCluster cluster, int trials)
    {
        var commits = cluster.Observer.Commits.Select(c => c.Trial).ToList();
        Assert.Equal(trials, commits.Count);
        Assert.Equal(trials, commits.Distinct().Count());
    }

    /// <summary>Waits until a trial has finished an epoch; returns the silo running it.</summary>
    internal static async Task<string> WaitForRunningTrialAsync(TestSweepCluster cluster, string sweepId, int minEpochs, bool excludeCoordinator)
    {
        var sweep = cluster.Client.GetGrain<ISweepGrain>(sweepId);
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            var status = await sweep.GetStatus();
            var candidates = status.Running.Where(r => r.EpochsDone >= minEpochs).Select(r => r.Slot.Split('#')[0])
                .Where(silo => !excludeCoordinator || silo != status.CoordinatorSilo).ToList();
            if (candidates.Count > 0) return candidates[0];
            await Task.Delay(100);
        }
        throw new TimeoutException("no trial got going");
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "Clusters";
}
