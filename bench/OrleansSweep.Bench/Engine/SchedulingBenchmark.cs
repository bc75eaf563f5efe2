using System.Globalization;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Bench.Engine;

/// <summary>
/// `bench/run.sh scheduling`: N trials of one epoch that each sleep D seconds (the simulated trainer) on S
/// slots of one embedded silo, from Start to the last commit, against the floor N × D ÷ S. The overhead is
/// everything the engine adds: claims, activations, state writes, checkpoints, reports and commits. A warm-up
/// sweep (<c>--warmup</c>: 200 trials on the same slots, 2,000 on a cluster) runs first, as in any benchmark, so the
/// figure is the engine's steady cost, not the JIT compiling its code paths; the cold figure is printed too. With <c>--cluster</c>, the same on a
/// <see cref="BenchCluster"/>: silo processes on Redis, the coordinator on the first, the slots spread by
/// <c>--layout</c> (default 0,S/2,S/2: a coordinator silo without slots and two slot silos).
/// </summary>
public static class SchedulingBenchmark
{
    public static async Task<int> Run(string[] args)
    {
        var trials = Arg(args, "--trials", 2000);
        var slots = Arg(args, "--slots", 16);
        var seconds = Arg(args, "--seconds", 0.25);
        var layout = Layout(args, slots);
        // A cluster's four processes each compile their paths: after 200 trials its silos still spent 37 % of the
        // measured run compiling (cold tiers), after 2,000 about 4-6 %.
        var warmUp = Arg(args, "--warmup", layout is null ? 200 : 2000);
        if (warmUp <= 0 || warmUp % 200 != 0) throw new ArgumentException("--warmup: must be a positive multiple of 200");
        var where = layout is null ? "" : $" of a cluster ({Describe(layout)})";
        Console.Error.WriteLine($"scheduling bench: {trials} trials × {seconds} s on {slots} slots{where}; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        if (Other(args) is { } other) return await CompareAsync(trials, slots, seconds, layout, warmUp, other, Arg(args, "--rounds", 2));

        var (wall, cold) = await MeasureAsync(trials, slots, seconds, layout, warmUp, Variant.Default);
        var target = layout is null ? "target <= 3%" : "target <= 1.5% in cluster mode";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scheduling overhead {100 * Overhead(wall, trials, seconds, slots):F2}% ({trials} trials × {seconds} s on {slots} slots{where}: {wall.TotalSeconds:F2} s vs floor {trials * seconds / slots:F2} s; "
            + $"cold warm-up sweep of {warmUp}: {100 * Overhead(cold, warmUp, seconds, slots):F2}%; {target}, Ray Tune documents 14.4%)"));
        return 0;
    }

    /// <summary>
    /// <c>--cluster</c>: slots per silo process, the coordinator's first; <c>--layout A,B,C</c> spreads them otherwise.
    /// Null: one embedded silo.
    /// </summary>
    private static int[]? Layout(string[] args, int slots)
    {
        if (!args.Contains("--cluster")) return null;
        if (Arg(args, "--layout", "") is not { Length: > 0 } text) return [0, slots / 2, slots - slots / 2];
        var layout = text.Split(',').Select(n => int.TryParse(n, CultureInfo.InvariantCulture, out var count) && count >= 0 ? count : -1).ToArray();
        if (layout.Any(n => n < 0) || layout.Sum() != slots)
            throw new ArgumentException($"--layout: expected slots per silo process (e.g. 0,8,8) adding up to --slots {slots}");
        return layout;
    }

    private static string Describe(int[] layout) =>
        $"{layout.Length} silo processes on Redis, slots {string.Join("/", layout)}, the coordinator's silo first";

    /// <summary>
    /// What to compare the defaults with, if anything: <c>--min-threads N</c> (the thread pool's minimum of worker threads)
    /// or <c>--compare SETTING=VALUE</c> (one silo setting, e.g. <c>Slots:ClaimAheadBelow=0</c>).
    /// </summary>
    private static Variant? Other(string[] args)
    {
        if (Arg(args, "--min-threads", 0) is var threads and > 0) return new Variant($"min worker threads {threads}", threads, null);
        if (Arg(args, "--compare", "") is not { Length: > 0 } setting) return null;
        if (setting.Split('=', 2) is not [{ Length: > 0 } key, var value]) throw new ArgumentException("--compare: expected SETTING=VALUE");
        return new Variant(setting, 0, (key, value));
    }

    /// <summary>Rounds of: the defaults, then <paramref name="other"/>; a fresh silo (or cluster) for each run.</summary>
    private static async Task<int> CompareAsync(int trials, int slots, double seconds, int[]? layout, int warmUp, Variant other, int rounds)
    {
        var results = new Dictionary<Variant, List<double>> { [Variant.Default] = [], [other] = [] };
        for (var round = 1; round <= rounds; round++)
            foreach (var variant in results.Keys)
            {
                Console.Error.WriteLine($"  round {round}, {variant.Label}:");
                var (wall, _) = await MeasureAsync(trials, slots, seconds, layout, warmUp, variant);
                results[variant].Add(Overhead(wall, trials, seconds, slots));
                Console.Error.WriteLine($"    overhead {100 * results[variant][^1]:F2}%");
            }
        string Runs(Variant variant) => string.Join(" ", results[variant].Select(o => $"{100 * o:F2}%"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scheduling overhead, median of {rounds} alternated rounds: {100 * Stats.Median(results[Variant.Default]):F2}% with the defaults " +
            $"({Runs(Variant.Default)}), {100 * Stats.Median(results[other]):F2}% with {other.Label} ({Runs(other)}); {trials} trials × {seconds} s on {slots} slots"));
        return 0;
    }

    private static Task<(TimeSpan Wall, TimeSpan Cold)> MeasureAsync(int trials, int slots, double seconds, int[]? layout, int warmUp, Variant variant) =>
        layout is null ? MeasureAsync(trials, slots, seconds, warmUp, variant) : MeasureClusterAsync(trials, slots, seconds, layout, warmUp, variant);

    /// <summary>A fresh embedded silo: a warm-up sweep, then the measured one (with where its overhead went, on stderr).</summary>
    private static async Task<(TimeSpan Wall, TimeSpan Cold)> MeasureAsync(int trials, int slots, double seconds, int warmUp, Variant variant)
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (variant.MinThreads > 0) ThreadPool.SetMinThreads(variant.MinThreads, io);
        try
        {
            var clock = new CommitClock();
            var settings = Settings(seconds, variant);
            settings["Slots:Count"] = slots.ToString(CultureInfo.InvariantCulture);
            await using var silo = await BenchSilo.StartAsync(settings, clock);
            var cold = await TimeSweepAsync(silo, clock, "scheduling-warmup", warmUp, seconds, slots);
            var started = DateTimeOffset.UtcNow;
            var wall = await TimeSweepAsync(silo, clock, "scheduling", trials, seconds, slots);
            Console.Error.WriteLine("  " + await SlotTimeline.DescribeAsync(silo.Grains, "scheduling", trials, seconds, started, wall));
            return (wall, cold);
        }
        finally
        {
            ThreadPool.SetMinThreads(workers, io);
        }
    }

    /// <summary>
    /// A fresh cluster: a warm-up sweep, then the measured one, with where its overhead went (the slots' timeline) and
    /// what each trial cost in messages, activations, state writes and Redis commands, on stderr.
    /// </summary>
    private static async Task<(TimeSpan Wall, TimeSpan Cold)> MeasureClusterAsync(int trials, int slots, double seconds, int[] layout, int warmUp, Variant variant)
    {
        if (variant.MinThreads > 0) throw new ArgumentException("--min-threads: this process's thread pool; not with --cluster");
        await using var cluster = await BenchCluster.StartAsync(layout, Settings(seconds, variant));
        var cold = await TimeSweepAsync(cluster, "scheduling-warmup", warmUp, seconds, slots);
        var before = await ClusterCosts.SampleAsync(cluster);
        var started = DateTimeOffset.UtcNow;
        var wall = await TimeSweepAsync(cluster, "scheduling", trials, seconds, slots);
        var after = await ClusterCosts.SampleAsync(cluster);
        Console.Error.WriteLine("  " + await SlotTimeline.DescribeAsync(cluster.Grains, "scheduling", trials, seconds, started, wall));
        foreach (var line in after.Describe(before, cluster, trials, "trial", wall)) Console.Error.WriteLine("  " + line);
        return (wall, cold);
    }

    private static Dictionary<string, string?> Settings(double seconds, Variant variant)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Slots:ThreadsPerSlot"] = "1",
            ["Trainer:Kind"] = "simulated",
            ["Trainer:EpochDuration"] = TimeSpan.FromSeconds(seconds).ToString(),
        };
        if (variant.Setting is var (key, value)) settings[key] = value;
        return settings;
    }

    /// <summary>One arm of a comparison: the defaults, or one change to them.</summary>
    private sealed record Variant(string Label, int MinThreads, (string Key, string Value)? Setting)
    {
        public static readonly Variant Default = new("defaults", 0, null);
    }

    private static async Task<TimeSpan> TimeSweepAsync(BenchSilo silo, CommitClock clock, string name, int trials, double seconds, int slots)
    {
        var spec = BenchSilo.Spec(GridYaml(name, trials));
        var committed = clock.Track(name, trials);
        await silo.Grains.GetGrain<ISweepGrain>(spec.Name).Start(spec);
        return await committed.WaitAsync(TimeSpan.FromSeconds(trials * seconds / slots * 3 + 60));
    }

    /// <summary>
    /// From Start to the sweep's Completed phase, as the client sees it (the coordinator runs in another process, so no
    /// <see cref="CommitClock"/>): the status is polled often near the end (every 5 ms), rarely before.
    /// </summary>
    private static async Task<TimeSpan> TimeSweepAsync(BenchCluster cluster, string name, int trials, double seconds, int slots)
    {
        var spec = BenchSilo.Spec(GridYaml(name, trials));
        var sweep = cluster.Grains.GetGrain<ISweepGrain>(spec.Name);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await cluster.OnCoordinatorSilo(() => sweep.Start(spec));
        var timeout = TimeSpan.FromSeconds(trials * seconds / slots * 3 + 60);
        while (await sweep.GetStatus() is { Phase: not SweepPhase.Completed } status)
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"{name}: {status.Progress:P1} done after {clock.Elapsed.TotalSeconds:F0} s");
            var remaining = status.Progress > 0 ? clock.Elapsed * ((1 - status.Progress) / status.Progress) : TimeSpan.FromSeconds(1);
            await Task.Delay(TimeSpan.FromTicks(Math.Clamp(remaining.Ticks / 10, TimeSpan.FromMilliseconds(5).Ticks, TimeSpan.FromSeconds(1).Ticks)));
        }
        return clock.Elapsed;
    }

    private static double Overhead(TimeSpan wall, int trials, double seconds, int slots) =>
        (wall.TotalSeconds - trials * seconds / slots) / (trials * seconds / slots);

    /// <summary>A one-epoch grid of exactly <paramref name="trials"/> trials (10 × 10 × 2 × replicates).</summary>
    public static string GridYaml(string name, int trials)
    {
        if (trials % 200 != 0) throw new ArgumentException("--trials: must be a multiple of 200");
        return $"""
            name: {name}
            factors:
              dataset: [fashion-mnist]
              architecture: [sequential, parallel]
              layers: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
              filters: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
            epochs: 1
            replicates: {trials / 200}
            leaseTimeoutSeconds: 600
            """;
    }

    internal static T Arg<T>(string[] args, string name, T fallback) where T : IParsable<T>
    {
        var at = Array.IndexOf(args, name);
        if (at < 0) return fallback;
        if (at + 1 >= args.Length || !T.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value))
            throw new ArgumentException($"{name}: expected a {typeof(T).Name} value");
        return value;
    }
}
