using System.Diagnostics;
using System.Text.Json;
using OrleansSweep.Silo.Tests.Fixtures;
using Xunit.Abstractions;

namespace OrleansSweep.Silo.Tests.Dashboards;

/// <summary>
/// The dashboard's proof: a real Prometheus scrapes two silo processes (cluster mode on a real redis-server)
/// while they run a sweep, and every panel query of deploy/grafana/dashboards/orleans-sweep.json, with its
/// template variables substituted, returns data from Prometheus' HTTP API.
/// </summary>
public sealed class DashboardProofTests(ITestOutputHelper output) : IDisposable
{
    private const string SweepId = "dashboard";
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(40);
    private readonly string _directory = Directory.CreateTempSubdirectory("dashboard-proof-").FullName;
    private readonly List<IDisposable> _processes = [];

    [Fact]
    public async Task Every_panel_query_returns_data_from_prometheus_scraping_two_silos_running_a_sweep()
    {
        var clock = Stopwatch.StartNew();
        var redis = Own(await RedisServer.StartAsync(_directory));
        var (clusterId, serviceId) = ("dashboard-test", $"dashboard-{Guid.NewGuid():N}");
        var silos = Enumerable.Range(1, 2)
            .Select(i => Own(SiloProcess.Start($"silo{i}", _directory, ClusterSettings(redis.ConnectionString, clusterId, serviceId))))
            .ToList();
        var prometheus = Own(await PrometheusServer.StartAsync(_directory, silos.Select(s => s.MetricsTarget)));
        await Task.WhenAll(silos.Select(s => s.WaitReadyAsync(Startup)));
        output.WriteLine($"redis, 2 silos and prometheus up after {clock.Elapsed:g}");

        await using var client = await RedisClusterClient.ConnectAsync(redis.ConnectionString, clusterId, serviceId);
        var reply = await client.Client.GetGrain<ISweepGrain>(SweepId).Start(TestSpecs.Grid(SweepId, replicates: 1, epochs: 2));
        Assert.True(reply.Accepted, reply.Error);

        var dashboard = DashboardQueries.Load(RepoPaths.Deploy("grafana", "dashboards", "orleans-sweep.json"));
        var variables = new Dictionary<string, string> { ["sweep"] = SweepId };
        var missing = await UntilEveryQueryHasDataAsync(prometheus, dashboard, variables, TimeSpan.FromSeconds(45));
        output.WriteLine($"{dashboard.Panels.Count} panel queries checked after {clock.Elapsed:g}");
        Assert.True(missing.Count == 0, $"no data for:\n{string.Join("\n", missing)}\nsilo1:\n{silos[0].Tail()}\nprometheus:\n{prometheus.Tail()}");

        var variable = await prometheus.QueryAsync(DashboardQueries.LabelValuesQuery(dashboard.Variables.Single()));
        Assert.Contains(variable, v => v.GetProperty("metric").GetProperty("sweep").GetString() == SweepId);
        var targets = await prometheus.TargetsAsync();
        Assert.Equal(2, targets.Count(t => t.GetProperty("health").GetString() == "up"));
        var busySilos = await prometheus.QueryAsync("count(max_over_time(orleans_sweep_slots_busy[1m]) > 0)");
        Assert.Equal("2", busySilos.Single().GetProperty("value")[1].GetString());   // both silos trained trials
    }

    /// <summary>Runs every query each round until one round finds a finite value for all; returns the ones still missing.</summary>
    private async Task<List<string>> UntilEveryQueryHasDataAsync(PrometheusServer prometheus, DashboardQueries dashboard,
        IReadOnlyDictionary<string, string> variables, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        List<string> missing;
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            missing = [];
            foreach (var query in dashboard.Panels)
            {
                var expr = DashboardQueries.Substitute(query.Expr, variables, rateInterval: "15s");
                if (!HasFiniteValue(await prometheus.QueryAsync(expr))) missing.Add($"{query.Panel}: {expr}");
            }
        } while (missing.Count > 0 && DateTime.UtcNow < deadline);
        return missing;
    }

    private static bool HasFiniteValue(IReadOnlyList<JsonElement> result) =>
        result.Any(r => (r.ValueKind == JsonValueKind.Array ? r : r.GetProperty("value"))[1].GetString() is { } v
                        && double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var x) && double.IsFinite(x));

    private Dictionary<string, string> ClusterSettings(string redis, string clusterId, string serviceId) => new()
    {
        ["Orleans__Mode"] = "cluster",
        ["Orleans__Redis"] = redis,
        ["Orleans__ClusterId"] = clusterId,
        ["Orleans__ServiceId"] = serviceId,
        ["Orleans__SiloPort"] = FreePort.Next().ToString(),
        ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
        ["Slots__Count"] = "2",
        ["Slots__ThreadsPerSlot"] = "1",
        ["Slots__CheckpointDirectory"] = Path.Combine(_directory, "checkpoints"),
        ["Slots__PollInterval"] = "00:00:00.200",
        ["Trainer__Kind"] = "simulated",
        ["Trainer__EpochDuration"] = "00:00:00.300",
    };

    private T Own<T>(T process) where T : IDisposable
    {
        _processes.Add(process);
        return process;
    }

    public void Dispose()
    {
        foreach (var process in Enumerable.Reverse(_processes)) process.Dispose();
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
