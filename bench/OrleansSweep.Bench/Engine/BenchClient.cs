using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Net;
using Orleans;
using Orleans.Configuration;
using OrleansSweep.Hosting;

namespace OrleansSweep.Bench.Engine;

/// <summary>An Orleans client of silo processes, as the CLI builds one: to an embedded silo's loopback gateway, or to one
/// gateway of a cluster (<c>orleans-sweep --gateway</c>).</summary>
public sealed class BenchClient : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchClient(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>To the embedded silo process whose gateway listens on <paramref name="gatewayPort"/>.</summary>
    public static Task<BenchClient> ConnectAsync(int gatewayPort) => ConnectAsync(client =>
    {
        var hosting = new HostingOptions();
        client.UseLocalhostClustering(gatewayPort, hosting.ServiceId, hosting.ClusterId);
    });

    /// <summary>To the silo of a cluster-mode deployment whose gateway listens on <paramref name="gatewayPort"/>.</summary>
    public static Task<BenchClient> ConnectAsync(HostingOptions cluster, int gatewayPort) => ConnectAsync(client =>
    {
        client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
        client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort));
    });

    private static async Task<BenchClient> ConnectAsync(Action<IClientBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(configure);
        var host = builder.Build();
        await host.StartAsync();
        return new BenchClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
