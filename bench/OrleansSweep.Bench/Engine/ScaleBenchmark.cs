using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Bench.Engine;

/// <summary>
/// `bench/run.sh scale`: claim latency (each claim acknowledged durable) in a 1,000-trial and a 100,000-trial
/// sweep, side by side in one silo; each claimed trial is committed at once, so leases stay few and the cost
/// measured is the grid's size. Also the coordinator's persisted state size and memory per trial.
/// </summary>
public static class ScaleBenchmark
{
    public static async Task<int> Run(string[] args)
    {
        var claims = SchedulingBenchmark.Arg(args, "--claims", 1000);   // all of the small sweep
        await using var silo = await BenchSilo.StartAsync(new Dictionary<string, string?> { ["Slots:Count"] = "0" });
        Console.Error.WriteLine($"scale bench: {claims} claims per sweep; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        var small = await MeasureAsync(silo, "scale-1k", 1_000, claims);
        var large = await MeasureAsync(silo, "scale-100k", 100_000, claims);
        var bytesPerTrial = (double)PersistedBytes(silo, "scale-100k") / 100_000;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"claim latency 100k/1k: p50 {large.P50 / small.P50:F2}x, p99 {large.P99 / small.P99:F2}x (target <= 2x; 1k: p50 {small.P50:F2} ms p99 {small.P99:F2} ms; 100k: p50 {large.P50:F2} ms p99 {large.P99:F2} ms); " +
            $"coordinator state at 100k trials: {bytesPerTrial:F1} persisted bytes/trial (aim <= 100), {large.MemoryBytes / 100_000.0:F1} bytes/trial of memory"));
        return 0;
    }

    private sealed record Figures(double P50, double P99, long MemoryBytes);

    private static async Task<Figures> MeasureAsync(BenchSilo silo, string name, int trials, int claims)
    {
        var spec = BenchSilo.Spec(SchedulingBenchmark.GridYaml(name, trials));
        var sweep = silo.Grains.GetGrain<ISweepGrain>(name);
        var before = Memory();
        await sweep.Start(spec);
        var memory = Memory() - before;
        var slot = new SlotRef(silo.SiloAddress, 0);
        var outcome = new TrialOutcome(TrialStatus.Completed, 1, null, 0.5, 100, null);
        var latencies = new List<double>();
        var clock = new Stopwatch();
        for (var i = 0; i < claims; i++)
        {
            clock.Restart();
            var lease = await sweep.Claim(slot) ?? throw new InvalidOperationException($"{name}: ran out of trials");
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            await sweep.Complete(lease.Ref, outcome);
        }
        var stats = new LatencyStats(latencies.Skip(claims / 10));   // the first tenth warms up
        Console.Error.WriteLine($"  {name}: claim p50 {stats.P50:F2} ms, p99 {stats.P99:F2} ms; coordinator memory {memory / 1e6:F1} MB");
        return new Figures(stats.P50, stats.P99, memory);
    }

    private static long Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static long PersistedBytes(BenchSilo silo, string sweepId)
    {
        using var connection = new SqliteConnection($"Data Source={silo.DatabasePath};Mode=ReadOnly");
        connection.Open();
        // Both of the coordinator's states: the main one and the per-trial snapshot.
        using var command = new SqliteCommand(
            "SELECT sum(length(payload)) FROM grain_state WHERE state_name IN ('sweep', 'sweep-trials') AND grain_id LIKE $id", connection);
        command.Parameters.AddWithValue("$id", $"%{sweepId}");
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
