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
/// the coordinator's state holding it was written (group commit), so its latency is its time-to-durable.
/// </summary>
public static class IngestBenchmark
{
    public static async Task<int> Run(string[] args)
    {
        var leases = SchedulingBenchmark.Arg(args, "--leases", 1000);
        var concurrency = SchedulingBenchmark.Arg(args, "--concurrency", 500);
        var seconds = SchedulingBenchmark.Arg(args, "--seconds", 10.0);
        await using var silo = await BenchSilo.StartAsync(new Dictionary<string, string?> { ["Slots:Count"] = "0" });
        var spec = BenchSilo.Spec(SchedulingBenchmark.GridYaml("ingest", 2000));
        var sweep = silo.Grains.GetGrain<ISweepGrain>(spec.Name);
        await sweep.Start(spec);
        var held = new List<LeaseRef>();
        for (var i = 0; i < leases; i++)
            held.Add((await sweep.Claim(new SlotRef(silo.SiloAddress, i)))!.Ref);
        Console.Error.WriteLine($"ingest bench: {leases} leases, {concurrency} concurrent reporters, {seconds} s; load average {File.ReadAllText("/proc/loadavg").Trim()}");

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
        var elapsed = clock.Elapsed.TotalSeconds;
        var stats = new LatencyStats(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest {stats.Count / elapsed:F0} epoch reports/s into one coordinator (target >= 10000); time to durable p50 {stats.P50:F1} ms, p99 {stats.P99:F1} ms, max {stats.Max:F0} ms (target < 1000 ms); {rejected} rejected; {concurrency} concurrent reporters over {leases} leases"));
        return rejected == 0 ? 0 : 1;
    }
}
