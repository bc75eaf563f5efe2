using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace OrleansSweep.Hosting;

/// <summary>An Orleans client of a cluster-mode deployment, from the same <c>Orleans</c> settings as its silos.</summary>
public static class SweepClientBuilder
{
    /// <summary>Cluster and service ids, gateways found in Redis (password merged from the secret), TLS when configured, the project's exceptions readable.</summary>
    public static IClientBuilder UseSweepCluster(this IClientBuilder client, HostingOptions hosting)
    {
        client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (hosting.ClusterId, hosting.ServiceId));
        client.UseRedisClustering(o => o.ConfigurationOptions = RedisConnection.Options(hosting));
        if (hosting.Tls.Enabled) client.UseSweepTls(hosting.Tls);
        client.Services.AddSweepExceptionTypes();
        return client;
    }
}
