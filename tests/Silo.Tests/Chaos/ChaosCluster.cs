using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansSweep.Hosting;
using OrleansSweep.Silo.Tests.Fixtures;
using Orleans.Serialization;

namespace OrleansSweep.Silo.Tests.Chaos;

/// <summary>
/// redis-server (append-only) and N silo processes on loopback in cluster mode with the real torch trainer,
/// one slot of one thread each, sharing a checkpoint folder; silos are killed with kill -9 and started again
/// on the same ports. The client is built with <see cref="SweepClientBuilder.UseSweepCluster"/>, as the CLI's.
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    // After every silo is killed, new ones wait until the old entries are declared dead or stale (Orleans' join check).
    public static readonly TimeSpan Startup = TimeSpan.FromSeconds(90);
    private readonly string _directory;
    private readonly HostingOptions _hosting;
    private readonly Dictionary<string, string>[] _settings;
    private readonly SiloProcess[] _silos;
    private IHost? _client;

    private ChaosCluster(string directory, RedisServer redis, string passwordFile, int silos)
    {
        (_directory, Redis) = (directory, redis);
        _hosting = new HostingOptions
        {
            Mode = "cluster", Redis = redis.ConnectionString, RedisPasswordFile = passwordFile,
            ClusterId = "chaos", ServiceId = $"chaos-{Guid.NewGuid():N}",
        };
        _settings = Enumerable.Range(0, silos).Select(_ => Settings()).ToArray();
        _silos = new SiloProcess[silos];
    }

    public RedisServer Redis { get; }
    public HostingOptions Hosting => _hosting;
    public string ServiceId => _hosting.ServiceId;
    public int Count => _silos.Length;
    public IClusterClient Client => _client!.Services.GetRequiredService<IClusterClient>();

    public static async Task<ChaosCluster> StartAsync(string directory, int silos)
    {
        // Redis requires a password, which silos and client read from a secret file, as in deploy/.
        var password = Guid.NewGuid().ToString("N");
        var passwordFile = Path.Combine(directory, "redis-password");
        await File.WriteAllTextAsync(passwordFile, password + "\n");
        var redis = await RedisServer.StartAsync(directory, appendOnly: true, password: password);
        var cluster = new ChaosCluster(directory, redis, passwordFile, silos);
        for (var i = 0; i < silos; i++) cluster._silos[i] = cluster.Launch(i);
        await cluster.WaitReadyAsync(Enumerable.Range(0, silos));
        await cluster.ConnectAsync();
        return cluster;
    }

    /// <summary>The folder of the silos' logs (<see cref="SiloLogs"/>), checkpoints and Redis' files.</summary>
    public string Directory => _directory;

    /// <summary>The addresses (<c>host:port@generation</c>) of the given silos' current processes, as the membership lists them.</summary>
    public async Task<IReadOnlyList<string>> AddressesAsync(IReadOnlyList<int> silos)
    {
        Dictionary<SiloAddress, SiloStatus> hosts = [];
        await Wait.UntilAsync(async () =>
        {
            hosts = await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            return silos.All(i => hosts.Keys.Any(a => a.Endpoint.Port == Port(i)));
        }, TimeSpan.FromSeconds(30), $"silos {string.Join(", ", silos)} active in the membership");
        return silos.Select(i => hosts.Keys.Where(a => a.Endpoint.Port == Port(i)).MaxBy(a => a.Generation)!.ToParsableString()).ToList();
    }

    /// <summary>kill -9 the given silos; returns once the processes are gone.</summary>
    public Task KillAsync(IReadOnlyList<int> silos) => Task.WhenAll(silos.Select(i => _silos[i].KillHardAsync()));

    /// <summary>Starts the given silos again on the same ports; returns once they are all ready, with when the first was.</summary>
    public async Task<DateTime> RestartAsync(IReadOnlyList<int> silos)
    {
        foreach (var i in silos)
        {
            _silos[i].Dispose();
            _silos[i] = Launch(i);
        }
        var ready = await Task.WhenAll(silos.Select(WaitReadyAsync));
        return ready.Min();
    }

    private int Port(int i) => int.Parse(_settings[i]["Orleans__SiloPort"]);

    public string Tails() => string.Join("\n", _silos.Select((s, i) => $"--- silo{i}:\n{s.Tail()}"));

    private SiloProcess Launch(int i) => SiloProcess.Start($"silo{i}", _directory, _settings[i]);

    /// <summary>Silo processes that exited while starting and were started again, as a supervisor would.</summary>
    public int StartupRestarts { get; private set; }

    private Task WaitReadyAsync(IEnumerable<int> silos) => Task.WhenAll(silos.Select(WaitReadyAsync));

    /// <summary>
    /// Waits until silo <paramref name="i"/> is ready, starting it again if it exits first (deploy/ runs silos with
    /// restart: unless-stopped, Kubernetes restarts pods), and says when. A silo that cannot start is a fault of its own: say so.
    /// </summary>
    private async Task<DateTime> WaitReadyAsync(int i)
    {
        var deadline = DateTime.UtcNow + Startup;
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            try
            {
                await _silos[i].WaitReadyAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
                return DateTime.UtcNow;
            }
            catch (SiloExitedException e) when (DateTime.UtcNow < deadline)
            {
                Console.Error.WriteLine($"silo{i} exited while starting; started again. {e.Message}");
                StartupRestarts++;
                _silos[i].Dispose();
                _silos[i] = Launch(i);
            }
        }
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["Orleans__Mode"] = "cluster",
        ["Orleans__Redis"] = _hosting.Redis!,
        ["Orleans__RedisPasswordFile"] = _hosting.RedisPasswordFile!,
        ["Orleans__ClusterId"] = _hosting.ClusterId,
        ["Orleans__ServiceId"] = _hosting.ServiceId,
        ["Orleans__AdvertisedAddress"] = "127.0.0.1",
        ["Orleans__SiloPort"] = FreePort.Next().ToString(),
        ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
        ["Slots__Count"] = "1",
        ["Slots__ThreadsPerSlot"] = "1",
        ["Slots__CheckpointDirectory"] = Path.Combine(_directory, "checkpoints"),
        ["Slots__PollInterval"] = "00:00:00.200",
        ["Trainer__Kind"] = "torch",
    };

    private async Task ConnectAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);   // connection resets are the point here
        // Status polls must not hang for the default 30 s on a coordinator whose silo was just killed.
        builder.UseOrleansClient(client => client.UseSweepCluster(_hosting)
            .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5)));
        _client = builder.Build();
        await _client.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }
        foreach (var silo in _silos) silo?.Dispose();
        Redis.Dispose();
    }
}
