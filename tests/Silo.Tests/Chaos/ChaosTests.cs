using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
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
/// <para>
/// It also times recovery: for every kill, from the kill until every trial that was running on the killed silos runs
/// again on a living one (or has ended). That must take no longer than the membership's death detection
/// (<see cref="ClusterMembership.DeathDetection"/>) plus 10 s, plus, when no silo was left, the time until the first
/// one was back. Only leases of killed silos may expire (a lease of a living silo that expired was leaked), and no slot
/// may fail claims or starts in a tight loop meanwhile.
/// </para>
/// </summary>
[Trait("Category", "Chaos")]
public sealed class ChaosTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan SweepTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan BetweenFaults = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DeathDetection = ClusterMembership.DeathDetection(ClusterMembership.From(new ConfigurationBuilder().Build()));

    /// <summary>A slot that backs off (from the 200 ms poll interval, doubling to 5 s) fails at most 7 times in 10 s
    /// before a trial starts on it; one that spins fails 5 times a second.</summary>
    private const int MostSlotFailuresIn10s = 10;
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
        var (faults, kills, killed) = await RunFaultsUntilDoneAsync(cluster, "chaos");
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

        var timed = kills.Where(k => k.Trials > 0).ToList();
        var recoveries = timed.Select(k => k.Recovery ?? TimeSpan.MaxValue).Order().ToList();
        var expired = SiloLogs.ExpiredLeases(cluster.Directory, "chaos");
        var leaked = expired.Where(e => !killed.Contains(e.Silo)).ToList();
        var slotFailures = SiloLogs.SlotFailures(cluster.Directory);
        var spin = SiloLogs.MostFailuresOfASlotWithin(slotFailures, TimeSpan.FromSeconds(10));
        var summary = $"chaos: {faults.Kills} kills, {tally.InterruptedTrials} interrupted trials, {tally.EpochsRerun} epochs re-run, " +
                      $"recovery {Recovery(recoveries)} over {timed.Count} kills with trials, " +
                      $"{expired.Count} leases expired, {leaked.Count} leaked leases, " +
                      $"{slotFailures.Count(f => f.Start)} failed starts and {slotFailures.Count(f => !f.Start)} failed claims (at most {spin} a slot in 10 s), " +
                      $"{lost} lost, {duplicated} duplicated, results identical" +
                      (cluster.StartupRestarts > 0 ? $" ({cluster.StartupRestarts} silo(s) exited while starting and were started again)" : "");
        output.WriteLine(summary);
        foreach (var kill in kills) output.WriteLine($"  {kill.Describe(expired)}");
        if (Environment.GetEnvironmentVariable("CHAOS_SUMMARY_FILE") is { Length: > 0 } file) File.WriteAllText(file, summary + "\n");

        Assert.True(timed.Count > 0, $"no kill hit a running trial: {summary}");
        Assert.True(leaked.Count == 0, $"leases of living silos expired: {string.Join("; ", leaked)}\n{summary}");
        var slow = timed.Where(k => k.Recovery is not { } r || r > k.Bar).ToList();
        Assert.True(slow.Count == 0, $"recovery over its bar: {string.Join("; ", slow)}\n{summary}");
        Assert.True(spin <= MostSlotFailuresIn10s, $"a slot failed {spin} claims or starts within 10 s: it spins\n{summary}");
    }

    private static string Recovery(IReadOnlyList<TimeSpan> sorted) =>
        sorted.Count == 0 ? "not measured" : $"median {Seconds(Median(sorted))} worst {Seconds(sorted[^1])}";

    private static TimeSpan Median(IReadOnlyList<TimeSpan> sorted)
    {
        var n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : sorted[n / 2 - 1] + (sorted[n / 2] - sorted[n / 2 - 1]) / 2;
    }

    private static string Seconds(TimeSpan t) =>
        t == TimeSpan.MaxValue ? "never" : string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.0} s");

    /// <summary>
    /// A fault every few seconds until the sweep completes: a random silo killed and started again, except that
    /// the second fault restarts Redis and the third kills every silo at once (early: the sweep takes well under a minute).
    /// Each kill is timed (<see cref="KillAsync"/>); returns the kills and the addresses of every silo process killed.
    /// </summary>
    private async Task<(FaultCount Faults, IReadOnlyList<KillRecord> Kills, HashSet<string> Killed)> RunFaultsUntilDoneAsync(ChaosCluster cluster, string sweepId)
    {
        var count = new FaultCount(0, 0, 0);
        var kills = new List<KillRecord>();
        var killed = new HashSet<string>();
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
                kills.Add(await KillAsync(cluster, sweepId, victims, killed));
                count = count with { Kills = count.Kills + victims.Length, FullRestarts = count.FullRestarts + (fault == 3 ? 1 : 0) };
            }
            output.WriteLine($"fault {fault}: {count}");
        }
        return (count, kills, killed);
    }

    /// <summary>
    /// Kills the victims and starts them again, timing recovery meanwhile: from the kill until every trial the status
    /// showed running on them just before runs on a living silo's slot, or has ended.
    /// </summary>
    private static async Task<KillRecord> KillAsync(ChaosCluster cluster, string sweepId, int[] victims, HashSet<string> killed)
    {
        var sweep = cluster.Client.GetGrain<ISweepGrain>(sweepId);
        var dead = await cluster.AddressesAsync(victims);
        killed.UnionWith(dead);
        SweepStatus before = null!;
        await Wait.UntilAsync(async () => (before = await sweep.GetStatus()) is not null, TimeSpan.FromSeconds(30), "the sweep's status");
        var onDead = before.Running.Where(r => dead.Contains(SiloOf(r.Slot))).Select(r => r.TrialIndex).ToList();

        var killedAt = DateTime.UtcNow;
        await cluster.KillAsync(victims);
        var limit = DeathDetection + TimeSpan.FromSeconds(10) + ChaosCluster.Startup;
        var watch = WatchRecoveryAsync(sweep, onDead.ToHashSet(), killed.ToHashSet(), killedAt, limit);
        var firstReady = await cluster.RestartAsync(victims);
        // With no silo left, nothing can run until one is back: that time is not the membership's.
        var bar = DeathDetection + TimeSpan.FromSeconds(10) + (victims.Length == cluster.Count ? firstReady - killedAt : TimeSpan.Zero);
        return new KillRecord(killedAt, dead, onDead, firstReady - killedAt, await watch, bar);
    }

    private static async Task<TimeSpan?> WatchRecoveryAsync(ISweepGrain sweep, HashSet<long> pending, HashSet<string> dead, DateTime killedAt, TimeSpan limit)
    {
        while (pending.Count > 0)
        {
            if (DateTime.UtcNow - killedAt > limit) return null;
            try
            {
                var running = (await sweep.GetStatus()).Running;
                var trials = (await sweep.GetResults(0, ChaosSpec.Trials)).Items;
                var now = DateTime.UtcNow;
                pending.ExceptWith(running.Where(r => !dead.Contains(SiloOf(r.Slot))).Select(r => r.TrialIndex));
                pending.ExceptWith(trials.Where(t => t.Status.IsTerminal()).Select(t => t.TrialIndex));
                if (pending.Count == 0) return now - killedAt;
            }
            catch (Exception)
            {
                // the coordinator's silo was just killed: it comes back elsewhere once the membership says so
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        return TimeSpan.Zero;
    }

    /// <summary>The silo part of a slot reference, <c>host:port@generation#slot</c>.</summary>
    private static string SiloOf(string slot) => slot[..slot.LastIndexOf('#')];

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

    /// <summary>One kill: when, the silos, the trials running on them, how long until the first was back, how long the
    /// trials took to run again (null: not within the limit), and the bar that time must meet.</summary>
    private sealed record KillRecord(DateTime At, IReadOnlyList<string> Silos, IReadOnlyList<long> Running, TimeSpan Restarted, TimeSpan? Recovery, TimeSpan Bar)
    {
        public int Trials => Running.Count;

        public string Describe(IReadOnlyList<ExpiredLease> expired)
        {
            var leases = expired.Where(e => Silos.Contains(e.Silo)).Select(e => $"{e.Trial} after {Seconds(e.At - At)}");
            return $"kill of {string.Join(", ", Silos)}: trials {string.Join(", ", Running)} running there; silos back after {Seconds(Restarted)}; " +
                   $"leases expired: {string.Join(", ", leases)}; recovered {(Recovery is { } r ? Seconds(r) : "not in time")} (bar {Seconds(Bar)})";
        }
    }

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
