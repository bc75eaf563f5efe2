using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OrleansSweep.Hosting;
using OrleansSweep.Grains.Metrics;

namespace OrleansSweep.Hosting;

/// <summary>
/// The HTTP side of a silo host (the silo and the CLI's embedded run both call it): OpenTelemetry with the
/// product meter, Orleans' meter and .NET runtime metrics, exported as Prometheus text on <c>/metrics</c>,
/// plus <c>/healthz</c> (process alive) and <c>/readyz</c> (silo active).
/// </summary>
public static class SweepObservability
{
    public const string Section = "Metrics";
    public const string OrleansMeter = "Microsoft.Orleans";
    public const int DefaultPort = 9464;   // the port OpenTelemetry's Prometheus exporters use by convention

    public static WebApplicationBuilder AddSweepObservability(this WebApplicationBuilder builder)
    {
        if (ListenUrls(builder.Configuration) is { } urls) builder.WebHost.UseUrls(urls);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("orleans-sweep-silo"))
            .WithMetrics(metrics => metrics
                .AddMeter(SweepMeter.Name, OrleansMeter)
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        return builder;
    }

    public static IEndpointRouteBuilder MapSweepEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint();
        app.MapGet("/healthz", () => Results.Text("alive"));
        app.MapGet("/readyz", (SiloReadiness silo) =>
            silo.IsReady ? Results.Text("ready") : Results.Text("silo not active", statusCode: StatusCodes.Status503ServiceUnavailable));
        return app;
    }

    /// <summary>
    /// <c>Metrics:Urls</c> if set; else none when ASP.NET Core's own <c>urls</c> (ASPNETCORE_URLS, --urls) is set;
    /// else port 9464 on loopback in embedded mode and on every interface in cluster mode (Prometheus scrapes from elsewhere).
    /// </summary>
    public static string? ListenUrls(IConfiguration configuration)
    {
        if (configuration[$"{Section}:Urls"] is { Length: > 0 } urls) return urls;
        if (configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 }) return null;
        var hosting = configuration.GetSection(HostingOptions.Section).Get<HostingOptions>() ?? new HostingOptions();
        return hosting.IsCluster ? $"http://*:{DefaultPort}" : $"http://127.0.0.1:{DefaultPort}";
    }
}
