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
    private readonly ProcessScope _scope = new("dashboard-proof-");

    [Fact]
    public async Task Every_panel_query_returns_data_from_prometheus_scraping_two_silos_running_a_sweep()
    {
        var clock = Stopwatch.StartNew();
        var redis = _scope.Own(await RedisServer.StartAsync(_scope.Directory));
        var (clusterId, serviceId) = ("dashboard-test", $"dashboard-{Guid.NewGuid():N}");
        var silos = Enumerable.Range(1, 2)
            .Select(i => _scope.Own(SiloProcess.Start($"silo{i}", _scope.Directory, ClusterSiloSettings.Simulated(redis.ConnectionString, clusterId, serviceId, _scope.Directory, slots: 2, TimeSpan.FromMilliseconds(300)))))
            .ToList();
        var prometheus = _scope.Own(await PrometheusServer.StartAsync(_scope.Directory, silos.Select(s => s.MetricsTarget)));
        await Task.WhenAll(silos.Select(s => s.WaitReadyAsync(Startup)));
        output.WriteLine($"redis, 2 silos and prometheus up after {clock.Elapsed:g}");

        await using var client = await RedisClusterClient.ConnectAsync(redis.ConnectionString, clusterId, serviceId);
        // 300 trials: still running when the ETA panel first has data (the coordinator's throughput is unknown for
        // its first 30 s), so one round can find every panel's data at once.
        var reply = await client.Client.GetGrain<ISweepGrain>(SweepId).Start(TestSpecs.Grid(SweepId, replicates: 3, epochs: 2));
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

    public void Dispose() => _scope.Dispose();
}
