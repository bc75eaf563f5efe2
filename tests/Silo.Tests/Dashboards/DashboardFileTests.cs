using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansSweep.Silo.Tests.Fixtures;

namespace OrleansSweep.Silo.Tests.Dashboards;

/// <summary>The dashboard JSON is well formed for Grafana provisioning, and every product metric it uses is documented.</summary>
public sealed partial class DashboardFileTests
{
    private static readonly string DashboardPath = RepoPaths.Deploy("grafana", "dashboards", "orleans-sweep.json");

    [Fact]
    public void Every_panel_has_a_unique_id_a_place_and_the_provisioned_datasource()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        var root = json.RootElement;
        Assert.Equal("orleans-sweep", root.GetProperty("uid").GetString());
        var panels = root.GetProperty("panels").EnumerateArray().ToList();
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        foreach (var panel in panels.Where(p => p.GetProperty("type").GetString() != "row"))
        {
            var title = panel.GetProperty("title").GetString();
            Assert.True(panel.TryGetProperty("gridPos", out _), $"{title}: no gridPos");
            Assert.Equal("prometheus", panel.GetProperty("datasource").GetProperty("uid").GetString());
            Assert.NotEmpty(panel.GetProperty("targets").EnumerateArray());
        }
        var datasource = File.ReadAllText(RepoPaths.Deploy("grafana", "provisioning", "datasources", "prometheus.yaml"));
        Assert.Contains("uid: prometheus", datasource);
    }

    [Fact]
    public void Every_product_metric_the_dashboard_queries_is_documented()
    {
        var docs = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "metrics.md"));
        var used = DashboardQueries.Load(DashboardPath).Panels
            .SelectMany(q => MetricName().Matches(q.Expr).Select(m => m.Value))
            .Select(Family)
            .Distinct()
            .ToList();
        Assert.NotEmpty(used);
        Assert.All(used, name => Assert.Contains($"`{name}", docs));
    }

    /// <summary>A histogram's series share one documented family name.</summary>
    public static string Family(string series) => HistogramSuffix().Replace(series, "");

    [GeneratedRegex(@"orleans_sweep_\w+")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();
}
