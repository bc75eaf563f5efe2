using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using OrleansSweep.Hosting;

namespace OrleansSweep.Bench.Engine;

/// <summary>An Orleans client of silo processes, as the CLI builds one: to one loopback gateway, or to a Redis cluster.</summary>
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

    /// <summary>To a cluster-mode deployment: gateways found in Redis, as <c>orleans-sweep --cluster</c> does.</summary>
    public static Task<BenchClient> ConnectAsync(HostingOptions cluster) => ConnectAsync(client => client.UseSweepCluster(cluster));

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
