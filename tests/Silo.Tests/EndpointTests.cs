using Microsoft.Extensions.Configuration;
using OrleansSweep.Grains.Metrics;
using OrleansSweep.Silo.Tests.Fixtures;
using OrleansSweep.Hosting;

namespace OrleansSweep.Silo.Tests;

/// <summary>/healthz, /readyz and /metrics on a real silo host, and where the listener binds by configuration.</summary>
public sealed class EndpointTests
{
    [Fact]
    public async Task A_started_silo_is_alive_ready_and_exports_the_product_orleans_and_runtime_meters()
    {
        await using var silo = await InProcessSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Slots:Count"] = "3",
            ["Trainer:Kind"] = "simulated",
        });

        Assert.Equal("alive", await silo.Http.GetStringAsync("/healthz"));
        Assert.Equal("ready", await silo.Http.GetStringAsync("/readyz"));
        var text = await silo.Http.GetStringAsync("/metrics");
        Assert.Contains("\norleans_sweep_silo_ready{otel_scope_name=\"OrleansSweep\"} 1", text);
        Assert.Equal("3", MetricsText.Value(text, "orleans_sweep_slots_total", ("device", "cpu")));
        Assert.Equal("0", MetricsText.Value(text, "orleans_sweep_device_dataset_memory_bytes", ("device", "cpu")));
        Assert.Contains("\norleans_catalog_activations{", text);
        Assert.Contains("\ndotnet_process_cpu_time_seconds_total{", text);
        Assert.Contains("# TYPE orleans_sweep_slots_busy gauge", text);
    }

    [Theory]
    [InlineData("embedded", null, null, "http://127.0.0.1:9464")]
    [InlineData("cluster", null, null, "http://*:9464")]
    [InlineData("cluster", "http://10.0.0.5:9500", null, "http://10.0.0.5:9500")]
    [InlineData("embedded", "http://127.0.0.1:9500", "http://0.0.0.0:80", "http://127.0.0.1:9500")]
    [InlineData("embedded", null, "http://0.0.0.0:8080", null)]   // ASPNETCORE_URLS / --urls: ASP.NET Core binds it
    public void The_listener_is_metrics_urls_else_aspnetcore_urls_else_9464_loopback_in_embedded_mode(
        string mode, string? metricsUrls, string? urls, string? expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:Mode"] = mode, ["Metrics:Urls"] = metricsUrls, ["urls"] = urls,
        }).Build();
        Assert.Equal(expected, SweepObservability.ListenUrls(configuration));
    }
}
