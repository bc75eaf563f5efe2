using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Bench.Engine;

/// <summary>
/// `bench/run.sh ingest`: epoch reports into ONE coordinator. The bench holds L leases itself (no slots run),
/// then C concurrent reporters send <c>ReportProgress</c> for D seconds. A report is acknowledged only after
/// the coordinator's state holding it was written (group commit), so its latency is its time-to-durable. The same
/// reporters run for 10 s first (<c>--warmup</c>), unmeasured, so the figure is the engine's steady rate rather than
/// the JIT's first pass over its code paths (in every process of a cluster). With
/// <c>--cluster</c>, the coordinator lives on the first of three silo processes on Redis (state written to Redis), and
/// the reports come through the cluster's client, as any gateway forwards them.
/// </summary>
public static class IngestBenchmark
{
    public static async Task<int> Run(string[] args)
    {
        var leases = SchedulingBenchmark.Arg(args, "--leases", 1000);
        var concurrency = SchedulingBenchmark.Arg(args, "--concurrency", 500);
        var seconds = SchedulingBenchmark.Arg(args, "--seconds", 10.0);
        var warmup = SchedulingBenchmark.Arg(args, "--warmup", 10.0);
        var spec = BenchSilo.Spec(SchedulingBenchmark.GridYaml("ingest", 2000));
        if (!args.Contains("--cluster"))
        {
            await using var silo = await BenchSilo.StartAsync(new Dictionary<string, string?> { ["Slots:Count"] = "0" });
            var sweep = silo.Grains.GetGrain<ISweepGrain>(spec.Name);
            await sweep.Start(spec);
            var held = await ClaimAsync(sweep, new SlotRef(silo.SiloAddress, 0), leases);
            Console.Error.WriteLine($"ingest bench: {leases} leases, {concurrency} concurrent reporters, {seconds} s after {warmup} s of warm-up; load average {File.ReadAllText("/proc/loadavg").Trim()}");
            await MeasureAsync(sweep, held, concurrency, warmup);
            return Report(await MeasureAsync(sweep, held, concurrency, seconds), "into one coordinator", concurrency, leases);
        }

        await using var cluster = await BenchCluster.StartAsync([0, 0, 0], new Dictionary<string, string?>());
        var coordinator = cluster.Grains.GetGrain<ISweepGrain>(spec.Name);
        await cluster.OnCoordinatorSilo(() => coordinator.Start(spec));
        // Leases held by slots of a live silo (the second), as a coordinator expires those of silos it does not know.
        var status = await coordinator.GetStatus();
        var hosts = await cluster.Grains.GetGrain<Orleans.Runtime.IManagementGrain>(0).GetHosts(onlyActive: true);
        var slotSilo = hosts.Keys.Select(h => h.ToParsableString()).First(h => cluster.IndexOf(h) == 1);
        var leased = await ClaimAsync(coordinator, new SlotRef(slotSilo, 0), leases);
        Console.Error.WriteLine($"ingest bench: {leases} leases, {concurrency} concurrent reporters, {seconds} s after {warmup} s of warm-up, through a cluster " +
                                $"(3 silo processes on Redis, the coordinator on silo{cluster.IndexOf(status.CoordinatorSilo)}); load average {File.ReadAllText("/proc/loadavg").Trim()}");
        await MeasureAsync(coordinator, leased, concurrency, warmup);
        var before = await ClusterCosts.SampleAsync(cluster);
        var measured = await MeasureAsync(coordinator, leased, concurrency, seconds);
        var after = await ClusterCosts.SampleAsync(cluster);
        foreach (var line in after.Describe(before, cluster, measured.Latencies.Count, "report", measured.Elapsed)) Console.Error.WriteLine("  " + line);
        return Report(measured, "through Redis into one coordinator of a 3-silo cluster", concurrency, leases);
    }

    private static async Task<List<LeaseRef>> ClaimAsync(ISweepGrain sweep, SlotRef slot, int leases)
    {
        var held = new List<LeaseRef>();
        for (var i = 0; i < leases; i++)
            held.Add((await sweep.Claim(slot with { Slot = i }))!.Ref);
        return held;
    }

    private static async Task<Measured> MeasureAsync(ISweepGrain sweep, List<LeaseRef> held, int concurrency, double seconds)
    {
        var latencies = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        var rejected = 0;
        var reporters = Enumerable.Range(0, concurrency).Select(async reporter =>
        {
            for (var n = 0; clock.Elapsed < until; n++)
            {
                var lease = held[(reporter + n * concurrency) % held.Count];
                var started = clock.Elapsed;
                var report = new EpochMetrics(n + 1, 1.0 / (n + 1), 0.5, 1.1 / (n + 1), 0.5, 1, 1000);
                if (!await sweep.ReportProgress(lease, report)) Interlocked.Increment(ref rejected);
                latencies.Add((clock.Elapsed - started).TotalMilliseconds);
            }
        });
        await Task.WhenAll(reporters);
        return new Measured(new LatencyStats(latencies), clock.Elapsed, rejected);
    }

    private static int Report(Measured measured, string where, int concurrency, int leases)
    {
        var stats = measured.Latencies;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest {stats.Count / measured.Elapsed.TotalSeconds:F0} epoch reports/s {where} (target >= 10000); time to durable p50 {stats.P50:F1} ms, p99 {stats.P99:F1} ms, max {stats.Max:F0} ms (target < 1000 ms); {measured.Rejected} rejected; {concurrency} concurrent reporters over {leases} leases"));
        return measured.Rejected == 0 ? 0 : 1;
    }

    private sealed record Measured(LatencyStats Latencies, TimeSpan Elapsed, int Rejected);
}
