using System.Diagnostics;
using System.Text.Json;
using OrleansSweep.Hosting;
using OrleansSweep.Silo.Tests.Fixtures;
using Xunit.Abstractions;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Silo.Tests.Chaos;

/// <summary>
/// The chaos gate (<c>bash tests/chaos/run.sh</c>): three silo processes on a real redis-server train 24 real
/// TorchSharp trials while silos are killed with kill -9 and started again, every silo at once, and Redis itself
/// is restarted; the client only starts the sweep and reads its status. Then the same spec runs without faults,
/// and the two must agree to the bit, with every trial committed exactly once.
/// </summary>
[Trait("Category", "Chaos")]
public sealed class ChaosTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan SweepTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan BetweenFaults = TimeSpan.FromSeconds(2);
    private readonly string _directory = Directory.CreateTempSubdirectory("chaos-").FullName;
    private readonly Random _random = new(Environment.TickCount);

    [Fact]
    public async Task Kills_a_full_restart_and_a_Redis_restart_lose_nothing_and_change_no_bit()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await ChaosCluster.StartAsync(_directory, silos: 3);
        output.WriteLine($"redis and 3 silos up after {clock.Elapsed:g}");

        var chaos = cluster.Client.GetGrain<ISweepGrain>("chaos");
        var started = await chaos.Start(ChaosSpec.Named("chaos"));
        Assert.True(started.Accepted, started.Error);
        var faults = await RunFaultsUntilDoneAsync(cluster, "chaos");
        output.WriteLine($"chaos sweep done after {clock.Elapsed:g}: {faults}");
        Assert.True(faults.FullRestarts > 0 && faults.RedisRestarts > 0,
            $"the sweep ended before every kind of fault happened ({faults}): it is too short for the gate");

        var calm = cluster.Client.GetGrain<ISweepGrain>("calm");
        Assert.True((await calm.Start(ChaosSpec.Named("calm"))).Accepted);
        await TestSpecs.WaitForEndAsync(cluster.Client, "calm", SweepTimeout);
        output.WriteLine($"fault-free sweep done after {clock.Elapsed:g}");

        var expected = await ResultsAsync(calm);
        var actual = await ResultsAsync(chaos);
        AssertSameTrialsAndFigures(expected, actual);
        var (lost, duplicated, journal) = await CommitsAsync(cluster, chaos);
        Assert.True((lost, duplicated) == (0, 0), $"{lost} lost, {duplicated} duplicated in the journal: {journal}");

        var snapshots = await Task.WhenAll(actual.Select(r =>
            cluster.Client.GetGrain<ITrialGrain>($"chaos/{r.TrialIndex}").GetSnapshot()));
        Assert.All(snapshots, s => Assert.Equal(Enumerable.Range(1, ChaosSpec.Epochs), s.History.Select(e => e.Epoch)));
        var tally = ChaosTally.Of(snapshots, ChaosSpec.Epochs);
        Assert.True(tally.InterruptedTrials > 0, "no trial was interrupted: the faults missed the training");
        Assert.Equal(0, tally.RecordedEpochsRedone);            // so at most the epoch in progress, once per interruption
        Assert.True(tally.EpochsRerun <= tally.Interruptions);

        var summary = $"chaos: {faults.Kills} kills, {tally.InterruptedTrials} interrupted trials, {tally.EpochsRerun} epochs re-run, " +
                      $"{lost} lost, {duplicated} duplicated, results identical" +
                      (cluster.StartupRestarts > 0 ? $" ({cluster.StartupRestarts} silo(s) exited while starting and were started again)" : "");
        output.WriteLine(summary);
        if (Environment.GetEnvironmentVariable("CHAOS_SUMMARY_FILE") is { Length: > 0 } file) File.WriteAllText(file, summary + "\n");
    }

    /// <summary>
    /// A fault every few seconds until the sweep completes: a random silo killed and started again, except that
    /// the second fault restarts Redis and the third kills every silo at once (early: the sweep takes well under a minute).
    /// </summary>
    private async Task<FaultCount> RunFaultsUntilDoneAsync(ChaosCluster cluster, string sweepId)
    {
        var count = new FaultCount(0, 0, 0);
        var fault = 0;
        var deadline = DateTime.UtcNow + SweepTimeout;
        while (!await IsCompletedAsync(cluster.Client, sweepId))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"sweep {sweepId} not done after {SweepTimeout} ({count})\n{cluster.Tails()}");
            await Task.Delay(BetweenFaults);
            if (await IsCompletedAsync(cluster.Client, sweepId)) break;
            fault++;
            if (fault == 2)
            {
                await cluster.Redis.RestartAsync(TimeSpan.FromSeconds(1));
                count = count with { RedisRestarts = count.RedisRestarts + 1 };
            }
            else
            {
                int[] victims = fault == 3 ? [.. Enumerable.Range(0, cluster.Count)] : [_random.Next(cluster.Count)];
                await cluster.KillAndRestartAsync(victims);
                count = count with { Kills = count.Kills + victims.Length, FullRestarts = count.FullRestarts + (fault == 3 ? 1 : 0) };
            }
            output.WriteLine($"fault {fault}: {count}");
        }
        return count;
    }

    private static async Task<bool> IsCompletedAsync(IGrainFactory grains, string sweepId)
    {
        try
        {
            return (await grains.GetGrain<ISweepGrain>(sweepId).GetStatus()).Phase == SweepPhase.Completed;
        }
        catch (Exception)
        {
            return false;   // the coordinator's silo was just killed, or Redis is restarting
        }
    }

    private static async Task<IReadOnlyList<TrialSummary>> ResultsAsync(ISweepGrain sweep)
    {
        var page = await sweep.GetResults(0, 1000);
        Assert.Equal(ChaosSpec.Trials, page.Total);
        return page.Items;
    }

    private static void AssertSameTrialsAndFigures(IReadOnlyList<TrialSummary> expected, IReadOnlyList<TrialSummary> actual)
    {
        Assert.Equal(expected.Select(t => (t.TrialIndex, t.Config)), actual.Select(t => (t.TrialIndex, t.Config)));
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal((TrialStatus.Completed, TrialStatus.Completed), (e.Status, a.Status));
            Assert.Equal(ChaosSpec.Epochs, a.Outcome!.Epochs);
            // Bit-identical figures; only the timings may differ.
            Assert.Equal(e.Outcome!.Final! with { Seconds = 0, SamplesPerSecond = 0 }, a.Outcome.Final! with { Seconds = 0, SamplesPerSecond = 0 });
            Assert.Equal(BitConverter.DoubleToInt64Bits(e.Outcome.BestValLoss), BitConverter.DoubleToInt64Bits(a.Outcome.BestValLoss));
        }
    }

    /// <summary>Trials missing from, and trials more than once in, the coordinator's journal of commits as stored in Redis.</summary>
    private static async Task<(int Lost, int Duplicated, string Journal)> CommitsAsync(ChaosCluster cluster, ISweepGrain sweep)
    {
        await using var states = await RedisStates.ConnectAsync(RedisConnection.Options(cluster.Hosting), cluster.ServiceId);
        var state = await states.ReadAsync(sweep.GetGrainId(), "sweep");
        // 24 commits are fewer than a fold (256), so every commit is still in the journal.
        var journal = state.GetProperty("Finished");
        var committed = journal.EnumerateArray()
            .Where(f => f.GetProperty("Status").GetString() == "Completed")
            .Select(f => f.GetProperty("Index").GetInt64()).ToList();
        var lost = Enumerable.Range(0, ChaosSpec.Trials).Count(i => !committed.Contains(i));
        return (lost, committed.Count - committed.Distinct().Count(), $"phase {state.GetProperty("Phase")}, {journal}");
    }

    private sealed record FaultCount(int Kills, int FullRestarts, int RedisRestarts);

    public void Dispose()
    {
        // CHAOS_KEEP_FILES=1 keeps the silo and Redis logs, checkpoints and AOF for a post-mortem.
        if (Environment.GetEnvironmentVariable("CHAOS_KEEP_FILES") is { Length: > 0 })
        {
            output.WriteLine($"files kept in {_directory}");
            return;
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a process still closing a file; the temp folder is disposable anyway
        }
    }
}
