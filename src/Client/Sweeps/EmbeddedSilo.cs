using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansSweep.Grains.Hosting;

namespace OrleansSweep.Client.Sweeps;

/// <summary>
/// A silo inside the CLI process on an embedded state folder: the whole of <c>run</c> (training slots, resume of
/// unfinished sweeps) or, with <c>queryOnly</c>, just enough to read or steer a stopped sweep. Same providers and
/// services as the silo program (<see cref="SweepSiloBuilder"/>); loopback ports picked free so several state
/// folders can be open at once.
/// </summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedSilo(IHost host, int gatewayPort) => (_host, GatewayPort) = (host, gatewayPort);

    public int GatewayPort { get; }
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<EmbeddedSilo> StartAsync(string stateDir, EmbeddedSlots? slots, CancellationToken cancellation)
    {
        var gatewayPort = FreePort();
        var settings = new Dictionary<string, string?>
        {
            ["Orleans:Mode"] = "embedded",
            ["Orleans:StateDirectory"] = Path.GetFullPath(stateDir),
            ["Orleans:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:QueryOnly"] = (slots is null).ToString(),
            ["Slots:Count"] = (slots?.Count ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Slots:ThreadsPerSlot"] = (slots?.ThreadsPerSlot ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Error).AddFilter("Microsoft", LogLevel.Error);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.UseOrleans(silo => silo.AddOrleansSweep(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync(cancellation);
        return new EmbeddedSilo(host, gatewayPort);
    }

    /// <summary>Graceful stop: slots stop their trials within a batch, hand the leases back and state is flushed.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>How much of this machine an embedded run trains with.</summary>
public sealed record EmbeddedSlots(int Count, int ThreadsPerSlot);
