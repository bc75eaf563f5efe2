using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization;

namespace OrleansSweep.Silo.Tests.Fixtures;

/// <summary>An Orleans client that finds the cluster's gateways in Redis, as the CLI does in cluster mode.</summary>
public sealed class RedisClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private RedisClusterClient(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<RedisClusterClient> ConnectAsync(string redis, string clusterId, string serviceId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId))
            .UseRedisClustering(redis));
        var host = builder.Build();
        await host.StartAsync();
        return new RedisClusterClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
