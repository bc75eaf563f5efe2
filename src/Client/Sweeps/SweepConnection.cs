using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansSweep.Client.Cli;
using OrleansSweep.Hosting;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using Orleans.Serialization;

namespace OrleansSweep.Client.Sweeps;

/// <summary>
/// The grains of wherever a sweep lives, for one command. A cluster: an Orleans client (Redis membership or a
/// gateway list). An embedded folder with a running <c>run</c>: a client to that process's loopback gateway. An
/// embedded folder nobody runs: a query-only silo in this process, holding the folder's lock meanwhile.
/// </summary>
public sealed class SweepConnection : IAsyncDisposable
{
    private readonly Func<ValueTask> _close;

    private SweepConnection(IGrainFactory grains, string where, Func<ValueTask> close, bool trains = true) =>
        (Grains, Where, _close, Trains) = (grains, where, close, trains);

    /// <summary>False for a stopped embedded folder: its sweeps make no progress until someone runs them.</summary>
    public bool Trains { get; }

    public IGrainFactory Grains { get; }

    /// <summary>For messages: "cluster (redis …)", "embedded ./.orleans-sweep (running, pid 123)" …</summary>
    public string Where { get; }

    public static async Task<SweepConnection> OpenAsync(SweepLocationSettings location, CancellationToken cancellation)
    {
        if (location.IsCluster) return await ClusterAsync(location, cancellation);
        if (StateDirLock.Owner(location.StateDir) is { } running)
            return await GatewayAsync(location, running, cancellation);
        if (!File.Exists(Path.Combine(location.StateDir, "state.db")))
            throw new BadInputException($"--state-dir: {location.StateDir} holds no sweeps (no state.db); start one with `orleans-sweep run SPEC`");
        var folder = StateDirLock.Acquire(location.StateDir);
        try
        {
            var silo = await EmbeddedSilo.StartAsync(location.StateDir, slots: null, metricsUrl: null, cancellation);
            return new SweepConnection(silo.Grains, $"embedded {location.StateDir}", async () =>
            {
                await silo.DisposeAsync();
                folder.Dispose();
            }, trains: false);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    public ISweepGrain Sweep(string sweepId) => Grains.GetGrain<ISweepGrain>(sweepId);

    /// <summary>The sweep, after checking the registry knows it (an unknown id would otherwise create an empty grain).</summary>
    public async Task<ISweepGrain> ExistingSweepAsync(string sweepId)
    {
        var sweeps = await Grains.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).List();
        if (sweeps.All(s => s.SweepId != sweepId))
            throw new BadInputException(sweeps.Count == 0
                ? $"SWEEP: no sweep '{sweepId}' in {Where} (it has no sweeps)"
                : $"SWEEP: no sweep '{sweepId}' in {Where} (known: {string.Join(", ", sweeps.Select(s => s.SweepId))})");
        return Sweep(sweepId);
    }

    /// <summary>The spec of an existing, started sweep (results and report need its factors and data options).</summary>
    public async Task<SweepSpec> SpecOfAsync(string sweepId) =>
        await (await ExistingSweepAsync(sweepId)).GetSpec() ?? throw new BadInputException($"SWEEP: '{sweepId}' has not started");

    private static Task<SweepConnection> ClusterAsync(SweepLocationSettings location, CancellationToken cancellation)
    {
        var hosting = location.ClusterHosting;
        return ClientAsync(client =>
        {
            if (location.Cluster is not null)
            {
                client.UseSweepCluster(hosting);   // the silos' own rules: ids, Redis with its password, TLS
                return;
            }
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (hosting.ClusterId, hosting.ServiceId));
            client.UseStaticClustering(location.Gateways.Select(g => { GatewayAddress.TryParse(g, out var endpoint); return endpoint; }).ToArray());
            if (hosting.Tls.Enabled) client.UseSweepTls(hosting.Tls);
        }, location.Cluster is { } redis ? $"cluster (redis {Redacted(redis)})" : $"cluster (gateways {string.Join(", ", location.Gateways)})", cancellation);
    }

    private static string Redacted(string redis)
    {
        try
        {
            return StackExchange.Redis.ConfigurationOptions.Parse(redis).ToString(includePassword: false);
        }
        catch (ArgumentException)
        {
            throw new BadInputException($"--cluster: '{redis}' is not a Redis connection string (host:port[,password=…])");
        }
    }

    private static Task<SweepConnection> GatewayAsync(SweepLocationSettings location, RunningEmbedded running, CancellationToken cancellation) =>
        ClientAsync(client => client.UseLocalhostClustering(running.GatewayPort, "orleans-sweep", "orleans-sweep"),
            $"embedded {location.StateDir} (running, pid {running.Pid})", cancellation);

    private static async Task<SweepConnection> ClientAsync(Action<IClientBuilder> configure, string where, CancellationToken cancellation)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.UseOrleansClient(client =>
        {
            configure(client);
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        });
        var host = builder.Build();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            await host.StartAsync(timeout.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            host.Dispose();
            throw new ClusterUnreachableException($"cannot reach {where}: {e.Message}");
        }
        return new SweepConnection(host.Services.GetRequiredService<IClusterClient>(), where, async () =>
        {
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
        });
    }

    public ValueTask DisposeAsync() => _close();
}

/// <summary>The cluster (or running process) could not be reached: exit 1, not bad input.</summary>
public sealed class ClusterUnreachableException(string message) : Exception(message);
