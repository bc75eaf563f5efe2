using System.Globalization;
using StackExchange.Redis;

namespace OrleansSweep.Bench.Engine;

/// <summary>
/// What a cluster run cost, from the cluster's own counters read before and after it: every silo's /metrics (grain
/// calls between silos, activations, directory registrations, state reads and writes with their latency, claim latency,
/// CPU time), and Redis' command statistics and CPU time. <see cref="Describe"/> divides them by the trials (or
/// reports) the run made, so the figures are per unit of work.
/// </summary>
public sealed class ClusterCosts
{
    private readonly IReadOnlyList<Dictionary<string, double>> _silos;
    private readonly Dictionary<string, (long Calls, long Microseconds)> _commands;
    private readonly double _redisCpu, _redisBytesIn, _benchCpu;

    private ClusterCosts(IReadOnlyList<Dictionary<string, double>> silos, Dictionary<string, (long, long)> commands, double redisCpu,
        double redisBytesIn, double benchCpu) =>
        (_silos, _commands, _redisCpu, _redisBytesIn, _benchCpu) = (silos, commands, redisCpu, redisBytesIn, benchCpu);

    public static async Task<ClusterCosts> SampleAsync(BenchCluster cluster)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var silos = await Task.WhenAll(cluster.Silos.Select(async s => Parse(await http.GetStringAsync($"{s.MetricsUrl}/metrics"))));
        var info = (await cluster.Redis.InfoAsync("all")).SelectMany(g => g).ToDictionary(kv => kv.Key, kv => kv.Value);
        var commands = info.Where(kv => kv.Key.StartsWith("cmdstat_", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key["cmdstat_".Length..], kv => (Field(kv.Value, "calls"), Field(kv.Value, "usec")));
        var cpu = Number(info["used_cpu_user"]) + Number(info["used_cpu_sys"]);
        return new ClusterCosts(silos, commands, cpu, Number(info["total_net_input_bytes"]),
            System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);
    }

    /// <summary>
    /// Per <paramref name="unit"/> (trial, report) between <paramref name="before"/> and this sample, over
    /// <paramref name="wall"/>: the lines the benchmarks print on stderr.
    /// </summary>
    public IEnumerable<string> Describe(ClusterCosts before, BenchCluster cluster, long count, string unit, TimeSpan wall)
    {
        double Per(double value) => value / count;
        double Delta(int silo, string metric) => Sum(_silos[silo], metric) - Sum(before._silos[silo], metric);
        string Mean(int silo, string metric) =>
            Delta(silo, metric + "_count") is var n and > 0 ? Invariant($"{Delta(silo, metric + "_sum") / n:F2} ms") : "-";

        // Redis: client commands (a grain state write is one EVALSHA, whose HGET and HSET run inside it) and server time.
        var commands = _commands.Select(kv => (Name: kv.Key, Calls: kv.Value.Calls - before._commands.GetValueOrDefault(kv.Key).Calls,
                Micros: kv.Value.Microseconds - before._commands.GetValueOrDefault(kv.Key).Microseconds))
            .Where(c => c.Calls > 0).OrderByDescending(c => c.Calls).ToList();
        yield return string.Join("; ",
            Invariant($"Redis per {unit}: {string.Join(", ", commands.Select(c => Invariant($"{Per(c.Calls):G3} {c.Name}")))}"),
            Invariant($"{Per(commands.Sum(c => c.Micros)):F0} µs of Redis time per {unit} (commands inside scripts counted twice)"),
            Invariant($"{Per(_redisBytesIn - before._redisBytesIn) / 1000:F1} kB sent to Redis per {unit}"),
            Invariant($"Redis CPU {100 * (_redisCpu - before._redisCpu) / wall.TotalSeconds:F1} % of one core, this benchmark's (client) {100 * (_benchCpu - before._benchCpu) / wall.TotalSeconds:F1} %"));
        for (var i = 0; i < _silos.Count; i++)
        {
            var claims = Delta(i, "orleans_sweep_coordinator_claim_duration_seconds_count");
            yield return string.Join(", ",
                Invariant($"silo{i} ({cluster.Layout[i]} slots) per {unit}: {Per(Delta(i, "orleans_messaging_sent_messages_size_bytes_count")):F2} messages sent to other processes"),
                Invariant($"{Per(Delta(i, "orleans_catalog_activation_created_total")):F2} activations ({Mean(i, "orleans_catalog_activation_latency_milliseconds")} each)"),
                Invariant($"{Per(Delta(i, "orleans_directory_registrations_single_act_issued_total")):F2} directory registrations ({Per(Delta(i, "orleans_directory_registrations_single_act_local_total")):F2} local)"),
                Invariant($"{Per(Delta(i, "orleans_storage_read_latency_milliseconds_count")):F2} state reads ({Mean(i, "orleans_storage_read_latency_milliseconds")})"),
                Invariant($"{Per(Delta(i, "orleans_storage_write_latency_milliseconds_count")):G3} state writes ({Mean(i, "orleans_storage_write_latency_milliseconds")})"),
                claims > 0 ? Invariant($"{claims:F0} claims ({1000 * Delta(i, "orleans_sweep_coordinator_claim_duration_seconds_sum") / claims:F2} ms to durable)") : "no claims",
                Invariant($"CPU {100 * Delta(i, "dotnet_process_cpu_time_seconds_total") / wall.TotalSeconds:F1} % of one core ({100 * Delta(i, "dotnet_jit_compilation_time_seconds_total") / wall.TotalSeconds:F1} % compiling)"));
        }
    }

    /// <summary>Prometheus text: every sample's value by its series (name and labels).</summary>
    private static Dictionary<string, double> Parse(string text)
    {
        var samples = new Dictionary<string, double>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            // "series value [timestamp]", where the series is a name, maybe with {labels} (which may hold spaces).
            var end = line.Contains('}') ? line.LastIndexOf('}') + 1 : line.IndexOf(' ');
            if (end <= 0) continue;
            var value = line[end..].Trim().Split(' ')[0];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) samples[line[..end]] = number;
        }
        return samples;
    }

    /// <summary>The sum over every series of <paramref name="metric"/> (all its label sets).</summary>
    private static double Sum(Dictionary<string, double> samples, string metric) =>
        samples.Where(kv => kv.Key == metric || kv.Key.StartsWith(metric + "{", StringComparison.Ordinal)).Sum(kv => kv.Value);

    private static long Field(string stats, string name) =>
        stats.Split(',').Select(f => f.Split('=')).Where(f => f[0] == name).Select(f => long.Parse(f[1], CultureInfo.InvariantCulture)).FirstOrDefault();

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
