using System.Globalization;
using Orleans;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using OrleansSweep.Hosting;
using OrleansSweep.TestSupport;
using StackExchange.Redis;

namespace OrleansSweep.Bench.Engine;

/// <summary>
/// The engine benchmarks' cluster: a private redis-server with a password and the persistence deploy/ gives it, the
/// product's silo program as separate processes in cluster mode (one per entry of the slot layout), and a client. The
/// client enters the cluster through the gateway of the first silo, where the coordinator is placed: its calls to the
/// coordinator cross one process boundary each way, as a trial's calls from its slot's silo do, the same way in every
/// run (through another silo's gateway each call would cross two). Everything lives in a temporary folder and goes
/// with the cluster, also when the benchmark is interrupted.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private readonly string _folder;
    private readonly List<SiloProcess> _silos = [];
    private readonly List<int> _siloPorts = [];
    private readonly List<int> _gatewayPorts = [];
    private RedisServer? _redis;
    private ConnectionMultiplexer? _redisClient;
    private BenchClient? _client;
    private IDisposable? _guard;
    private int _disposed;

    private BenchCluster(string folder, IReadOnlyList<int> layout) => (_folder, Layout) = (folder, layout);

    /// <summary>Slots per silo process; the coordinator's silo is the first.</summary>
    public IReadOnlyList<int> Layout { get; }

    public IGrainFactory Grains => _client!.Grains;
    public IReadOnlyList<SiloProcess> Silos => _silos;
    public IServer Redis => _redisClient!.GetServers().Single();

    /// <summary>"silo0 (coordinator) 0 slots, silo1 8 slots, silo2 8 slots".</summary>
    public string Describe() =>
        string.Join(", ", Layout.Select((slots, i) => $"silo{i}{(i == 0 ? " (coordinator)" : "")} {slots} slots"));

    /// <param name="layout">Slots of each silo process, the coordinator's silo first.</param>
    /// <param name="settings">Silo settings (configuration keys, e.g. <c>Trainer:Kind</c>) every silo gets.</param>
    public static async Task<BenchCluster> StartAsync(IReadOnlyList<int> layout, IReadOnlyDictionary<string, string?> settings)
    {
        var cluster = new BenchCluster(Directory.CreateTempSubdirectory("orleans-sweep-cluster-bench-").FullName, layout);
        cluster._guard = Interruption.Guard(cluster);
        try
        {
            await cluster.StartAsync(settings);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        // Redis requires a password, which silos and client read from a secret file, as in deploy/.
        var password = Guid.NewGuid().ToString("N");
        var passwordFile = Path.Combine(_folder, "redis-password");
        await File.WriteAllTextAsync(passwordFile, password + "\n");
        _redis = await RedisServer.StartAsync(Directory.CreateDirectory(Path.Combine(_folder, "redis")).FullName, password: password, asDeployed: true);
        var connection = ConfigurationOptions.Parse(_redis.ConnectionString);
        connection.Password = password;
        connection.AllowAdmin = true;   // INFO commandstats, CONFIG RESETSTAT
        _redisClient = await ConnectionMultiplexer.ConnectAsync(connection);

        var hosting = new HostingOptions
        {
            Mode = "cluster", Redis = _redis.ConnectionString, RedisPasswordFile = passwordFile,
            ClusterId = "bench", ServiceId = $"bench-{Guid.NewGuid():N}",
        };
        for (var i = 0; i < Layout.Count; i++)
        {
            var (siloPort, gatewayPort) = (EmbeddedSilo.FreePort(), EmbeddedSilo.FreePort());
            _siloPorts.Add(siloPort);
            _gatewayPorts.Add(gatewayPort);
            var environment = new Dictionary<string, string>
            {
                ["Orleans__Mode"] = "cluster",
                ["Orleans__Redis"] = hosting.Redis,
                ["Orleans__RedisPasswordFile"] = passwordFile,
                ["Orleans__ClusterId"] = hosting.ClusterId,
                ["Orleans__ServiceId"] = hosting.ServiceId,
                ["Orleans__AdvertisedAddress"] = "127.0.0.1",
                ["Orleans__SiloPort"] = Text(siloPort),
                ["Orleans__GatewayPort"] = Text(gatewayPort),
                ["Slots__Count"] = Text(Layout[i]),
                ["Slots__ThreadsPerSlot"] = "1",
                ["Slots__CheckpointDirectory"] = Path.Combine(_folder, "checkpoints"),
            };
            foreach (var (key, value) in settings) environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
            _silos.Add(SiloProcess.Start(Path.Combine(_folder, $"silo{i}.log"), environment));
        }
        await Task.WhenAll(_silos.Select(s => s.WaitReadyAsync()));
        _client = await BenchClient.ConnectAsync(hosting, _gatewayPorts[0]);
    }

    /// <summary>
    /// Starts the sweep through the client with its coordinator placed on the first silo (a placement hint, as slots
    /// place their trials), so the layout is the same in every run.
    /// </summary>
    public async Task<T> OnCoordinatorSilo<T>(Func<Task<T>> call)
    {
        var hosts = await Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var first = hosts.Keys.Single(s => s.Endpoint.Port == _siloPorts[0]);
        RequestContext.Set(IPlacementDirector.PlacementHintKey, first);
        try
        {
            return await call();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    /// <summary>Which silo process (its index in the layout) an address names.</summary>
    public int IndexOf(string siloAddress) => _siloPorts.IndexOf(SiloAddress.FromParsableString(siloAddress).Endpoint.Port);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _guard?.Dispose();
        if (_client is not null)
        {
            try
            {
                await _client.DisposeAsync();
            }
            catch (Exception)
            {
                // The silos go next either way.
            }
        }
        await Task.WhenAll(_silos.Select(s => s.DisposeAsync().AsTask()));
        if (_redisClient is not null) await _redisClient.DisposeAsync();
        _redis?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing in a temp folder: harmless.
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
