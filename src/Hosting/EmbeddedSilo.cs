using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansSweep.Hosting;

/// <summary>
/// A silo inside this process on an embedded state folder: the whole of the CLI's <c>run</c> (training slots, resume
/// of unfinished sweeps), a query-only silo that reads or steers a stopped sweep, or the engine benchmarks' silo. Same
/// providers and services as the silo program (<see cref="SweepSiloBuilder"/>); loopback ports picked free so several
/// state folders can be open at once.
/// </summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedSilo(IHost host, int gatewayPort, string? metricsUrl) => (_host, GatewayPort, MetricsUrl) = (host, gatewayPort, metricsUrl);

    /// <summary>Asks <see cref="StartAsync"/> for /metrics on the conventional port 9464 on loopback when it is free (one
    /// sweep at a time is the common case), else on any free loopback port.</summary>
    public const string DefaultMetrics = "default";

    public int GatewayPort { get; }

    /// <summary>Where /metrics, /healthz and /readyz are served; null: nowhere.</summary>
    public string? MetricsUrl { get; }
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();
    public string SiloAddress => _host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();

    /// <param name="slots">Null: a query-only silo (trains and resumes nothing).</param>
    /// <param name="metricsUrl">Where to serve /metrics, /healthz and /readyz (as the silo program does); null: no HTTP;
    /// <see cref="DefaultMetrics"/>: 9464 when free. A URL given that another process holds is a <see cref="ConfigurationError"/>.</param>
    /// <param name="settings">More configuration (e.g. <c>Trainer:Kind</c>); wins over the defaults above it.</param>
    /// <param name="services">More services (e.g. an <see cref="Grains.Coordinator.ISweepObserver"/>), added before the sweep's own.</param>
    public static async Task<EmbeddedSilo> StartAsync(string stateDir, EmbeddedSlots? slots, string? metricsUrl, CancellationToken cancellation,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        EnsureMetricsFree(metricsUrl);
        // A port found free can be taken before the silo binds it (by another process, or any process's outgoing
        // connection, which draws from the same range): start again on new ports, a few times.
        for (var attempt = 1; ; attempt++)
        {
            var url = metricsUrl == DefaultMetrics
                ? $"http://127.0.0.1:{(PortIsFree(SweepObservability.DefaultPort) ? SweepObservability.DefaultPort : FreePort())}"
                : metricsUrl?.TrimEnd('/');
            try
            {
                return await StartOnFreePortsAsync(stateDir, slots, url, cancellation, settings, services);
            }
            catch (Exception e) when (Taken(e) is { } taken)
            {
                if (taken is AddressInUseException && metricsUrl != DefaultMetrics)
                    throw MetricsInUse(url!);
                if (attempt == 3) throw;
            }
        }
    }

    /// <summary>A loopback metrics URL given explicitly that another process holds: a <see cref="ConfigurationError"/>, so
    /// a caller can check it before it creates anything.</summary>
    public static void EnsureMetricsFree(string? metricsUrl)
    {
        if (metricsUrl is not (null or DefaultMetrics) && Uri.TryCreate(metricsUrl, UriKind.Absolute, out var given)
            && given.IsLoopback && !PortIsFree(given.Port))
            throw MetricsInUse(metricsUrl);
    }

    private static ConfigurationError MetricsInUse(string url) =>
        new($"--metrics: {url} is in use by another process (give another URL, or 'off')");

    /// <summary>The bind failure inside <paramref name="e"/>: Orleans' (silo, gateway) or Kestrel's (/metrics).</summary>
    private static Exception? Taken(Exception e) =>
        e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } or AddressInUseException ? e
        : e is AggregateException all ? all.InnerExceptions.Select(Taken).FirstOrDefault(t => t is not null)
        : e.InnerException is { } inner ? Taken(inner) : null;

    private static async Task<EmbeddedSilo> StartOnFreePortsAsync(string stateDir, EmbeddedSlots? slots, string? metricsUrl,
        CancellationToken cancellation, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? services)
    {
        var gatewayPort = FreePort();
        var configuration = new Dictionary<string, string?>
        {
            ["Orleans:Mode"] = "embedded",
            ["Orleans:StateDirectory"] = Path.GetFullPath(stateDir),
            ["Orleans:SiloPort"] = Text(FreePort()),
            ["Orleans:GatewayPort"] = Text(gatewayPort),
            ["Orleans:QueryOnly"] = (slots is null).ToString(),
            ["Slots:Count"] = slots is null ? "0" : slots.Count is { } count ? Text(count) : null,
            ["Slots:PerDevice"] = slots?.PerDevice is { } perDevice ? Text(perDevice) : null,
            ["Slots:Devices"] = slots?.Devices ?? "cpu",
            ["Slots:ThreadsPerSlot"] = Text(slots?.ThreadsPerSlot ?? 0),
            ["Metrics:Urls"] = metricsUrl,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) configuration[key] = value;
        var host = metricsUrl is null ? BuildHost(configuration, services) : BuildWebHost(configuration, services);
        try
        {
            await host.StartAsync(cancellation);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new EmbeddedSilo(host, gatewayPort, metricsUrl);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Configure(builder.Configuration, builder.Logging, builder.Services, settings, services);
        builder.UseOrleans(silo => silo.AddOrleansSweep(builder.Configuration));
        return builder.Build();
    }

    private static IHost BuildWebHost(Dictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        Configure(builder.Configuration, builder.Logging, builder.Services, settings, services);
        builder.UseOrleans(silo => silo.AddOrleansSweep(builder.Configuration));
        builder.AddSweepObservability();
        var app = builder.Build();
        app.UseRouting();
        app.MapSweepEndpoints();
        return app;
    }

    private static void Configure(IConfigurationManager configuration, ILoggingBuilder logging, IServiceCollection services,
        Dictionary<string, string?> settings, Action<IServiceCollection>? more)
    {
        configuration.AddInMemoryCollection(settings);
        more?.Invoke(services);
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        logging.AddFilter("Orleans", LogLevel.Error).AddFilter("Microsoft", LogLevel.Error)
            .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);   // a failed start is reported once, by the caller
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
    }

    /// <summary>Graceful stop: slots stop their trials within a batch, hand the leases back and state is flushed.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool PortIsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A loopback port nobody listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>How much of this machine an embedded run trains with: the <c>Slots</c> settings (null: their defaults).</summary>
public sealed record EmbeddedSlots(int? Count, int ThreadsPerSlot, string Devices = "auto", int? PerDevice = null);
