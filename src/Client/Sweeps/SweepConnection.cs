using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Clustering.Redis;
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
        if (!StateDirLock.EverOwned(location.StateDir) && !File.Exists(Path.Combine(location.StateDir, "state.db")))
            throw NoSweeps(location.StateDir);
        return await EmbeddedAsync(location, cancellation);
    }

    /// <summary>
    /// The running owner's gateway when it answers; else, once the folder's lock is free (no owner, or an owner
    /// that was starting or stopping has let go), a query-only silo here. Both tried until --connect-timeout.
    /// </summary>
    private static async Task<SweepConnection> EmbeddedAsync(SweepLocationSettings location, CancellationToken cancellation)
    {
        var stateDir = location.StateDir;
        var clock = Stopwatch.StartNew();
        RunningEmbedded? owner = null;
        for (var tries = 0; ; tries++)
        {
            if (StateDirLock.TryAcquire(stateDir) is { } folder)
                return await QueryOnlyAsync(stateDir, folder, cancellation);
            var left = location.ConnectTimeout - clock.Elapsed;
            if (StateDirLock.Published(stateDir) is { } published && left > TimeSpan.Zero)
            {
                owner = published;
                // Short tries first: an owner that is stopping has closed its gateway but still holds the folder a
                // while. Longer ones after: on a machine busy training, a client's start can take seconds.
                var (connection, _) = await ClientAsync(client => client.UseLocalhostClustering(published.GatewayPort, "orleans-sweep", "orleans-sweep"),
                    $"embedded {stateDir} (running, pid {published.Pid})", Min(left, OwnerTry * Math.Min(1 << tries, 4)), cancellation);
                // Still published after connecting: the owner had not begun to stop (it withdraws first).
                if (connection is not null && StateDirLock.Published(stateDir) == published) return connection;
                if (connection is not null) await connection.DisposeAsync();
            }
            if (clock.Elapsed >= location.ConnectTimeout)
                throw new ClusterUnreachableException($"cannot reach the orleans-sweep process that holds {stateDir}"
                    + $"{(owner is null ? "" : $" (pid {owner.Pid})")}: it neither answered nor let go of the folder (tried for {Seconds(clock.Elapsed)})");
            await Task.Delay(LockPoll, cancellation);
        }
    }

    private static readonly TimeSpan OwnerTry = TimeSpan.FromSeconds(3), LockPoll = TimeSpan.FromMilliseconds(200);

    private static async Task<SweepConnection> QueryOnlyAsync(string stateDir, StateDirLock folder, CancellationToken cancellation)
    {
        try
        {
            if (!File.Exists(Path.Combine(stateDir, "state.db")))
                throw NoSweeps(stateDir);
            var silo = await EmbeddedSilo.StartAsync(stateDir, slots: null, metricsUrl: null, cancellation);
            return new SweepConnection(silo.Grains, $"embedded {stateDir}", async () =>
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

    private static BadInputException NoSweeps(string stateDir) =>
        new($"--state-dir: {stateDir} holds no sweeps (no state.db); start one with `orleans-sweep run SPEC`");

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

    private static async Task<SweepConnection> ClusterAsync(SweepLocationSettings location, CancellationToken cancellation)
    {
        var hosting = location.ClusterHosting;
        var where = location.Cluster is { } redis ? $"cluster (redis {Redacted(redis)})" : $"cluster (gateways {string.Join(", ", location.Gateways)})";
        var clock = Stopwatch.StartNew();
        if (location.Cluster is { } redisAddress)
            await RequireRedisAsync(hosting, Redacted(redisAddress), location.ConnectTimeout, clock, cancellation);
        var (connection, failure) = await ClientAsync(client =>
        {
            if (location.Cluster is not null)
            {
                client.UseSweepCluster(hosting);   // the silos' own rules: ids, Redis with its password, TLS
                client.Services.PostConfigure<RedisClusteringOptions>(o => Bound(o.ConfigurationOptions, location.ConnectTimeout - clock.Elapsed));
                return;
            }
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (hosting.ClusterId, hosting.ServiceId));
            client.UseStaticClustering(location.Gateways.Select(g => { GatewayAddress.TryParse(g, out var endpoint); return endpoint; }).ToArray());
            if (hosting.Tls.Enabled) client.UseSweepTls(hosting.Tls);
        }, where, location.ConnectTimeout - clock.Elapsed, cancellation);
        if (connection is not null) return connection;
        // A timeout says nothing more; another failure (a TLS handshake, say) is worth its first line.
        var tried = $"tried for {Seconds(clock.Elapsed)}"
            + (failure is null or OperationCanceledException or TimeoutException ? "" : $"; {failure.Message.Split('\n')[0].Trim()}");
        throw new ClusterUnreachableException(location.Cluster is { } listedIn
            ? $"cannot reach the cluster's gateways listed in Redis {Redacted(listedIn)} ({tried})"
            : location.Gateways.Count == 1
                ? $"cannot reach gateway {location.Gateways[0]} ({tried})"
                : $"cannot reach any of the gateways {string.Join(", ", location.Gateways)} ({tried})");
    }

    /// <summary>
    /// Connects to the cluster's Redis before the Orleans client does, so that a Redis that is down, or is not
    /// Redis, is named as such (the client would only time out, or relay StackExchange's advice on its settings).
    /// Tried until <paramref name="timeout"/> like the gateways: a refused connection fails at once, and Redis may
    /// be restarting.
    /// </summary>
    private static async Task RequireRedisAsync(HostingOptions hosting, string address, TimeSpan timeout, Stopwatch clock, CancellationToken cancellation)
    {
        while (true)
        {
            var options = RedisConnection.Options(hosting);
            var left = timeout - clock.Elapsed;
            Bound(options, left);
            try
            {
                // Its ConnectTimeout is a target, not a bound (a silent port took a second more): bound it here.
                await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(options)
                    .WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellation);
                return;
            }
            catch (TimeoutException)
            {
                throw new ClusterUnreachableException($"cannot reach Redis {address} (tried for {Seconds(clock.Elapsed)})");
            }
            catch (StackExchange.Redis.RedisConnectionException e) when (e.FailureType == StackExchange.Redis.ConnectionFailureType.AuthenticationFailure)
            {
                throw new BadInputException($"--cluster: Redis {address} refused the password (set it in {RedisConnection.PasswordVariable})");
            }
            catch (StackExchange.Redis.RedisConnectionException) when (timeout - clock.Elapsed > TimeSpan.Zero)
            {
                await Task.Delay(Min(RedisRetry, timeout - clock.Elapsed), cancellation);
            }
            catch (StackExchange.Redis.RedisConnectionException)
            {
                throw new ClusterUnreachableException($"cannot reach Redis {address} (tried for {Seconds(clock.Elapsed)})");
            }
        }
    }

    private static readonly TimeSpan RedisRetry = TimeSpan.FromMilliseconds(500);

    /// <summary>One try of at most <paramref name="timeout"/>: StackExchange.Redis would try 3 times, 5 s each.</summary>
    private static void Bound(StackExchange.Redis.ConfigurationOptions? options, TimeSpan timeout)
    {
        if (options is null) return;
        options.ConnectTimeout = (int)Math.Max(timeout.TotalMilliseconds, 1);
        options.ConnectRetry = 1;
        options.AbortOnConnectFail = true;
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

    /// <summary>An Orleans client started within <paramref name="timeout"/>, or null and why not (Ctrl-C still throws).</summary>
    private static async Task<(SweepConnection? Connection, Exception? Failure)> ClientAsync(
        Action<IClientBuilder> configure, string where, TimeSpan timeout, CancellationToken cancellation)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.UseOrleansClient(client =>
        {
            configure(client);
            client.Services.AddSweepExceptionTypes();
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        });
        var host = builder.Build();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        var start = host.StartAsync(deadline.Token);
        try
        {
            // The token asks Orleans to give up; it can take a second more. The timeout is the bound.
            await start.WaitAsync(timeout, cancellation);
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            deadline.Cancel();
            _ = start.ContinueWith(_ => host.Dispose(), TaskScheduler.Default);   // once it has given up
            return (null, e);
        }
        return (new SweepConnection(host.Services.GetRequiredService<IClusterClient>(), where, async () =>
        {
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
        }), null);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Whole seconds tried: a timeout of N s reads "N s" though the giving up takes some milliseconds more.</summary>
    private static string Seconds(TimeSpan t) => $"{Math.Round(t.TotalSeconds):0} s";

    public ValueTask DisposeAsync() => _close();
}

/// <summary>The cluster (or running process) could not be reached: exit 1, not bad input.</summary>
public sealed class ClusterUnreachableException(string message) : Exception(message);
