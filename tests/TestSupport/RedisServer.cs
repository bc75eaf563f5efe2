using System.Net.Sockets;

namespace OrleansSweep.TestSupport;

/// <summary>
/// A throw-away redis-server on a free loopback port, stopped by its PID, with its data in a folder of its own (or the
/// one given). Nothing persisted unless <c>appendOnly</c>: then its data survives <see cref="StopAsync"/> and
/// <see cref="StartAgainAsync"/> on the same port and folder, as a restarted production Redis would. <c>asDeployed</c>
/// persists exactly as deploy/ configures Redis: append-only, fsync every second, Redis' default snapshots.
/// </summary>
public sealed class RedisServer : IDisposable, IAsyncDisposable
{
    private readonly string _directory;
    private readonly bool _ownsDirectory;
    private readonly bool _appendOnly;
    private readonly bool _asDeployed;
    private readonly string? _password;
    private ChildProcess? _process;
    private int _starts;

    private RedisServer(string directory, bool ownsDirectory, int port, bool appendOnly, bool asDeployed, string? password) =>
        (_directory, _ownsDirectory, Port, _appendOnly, _asDeployed, _password) = (directory, ownsDirectory, port, appendOnly || asDeployed, asDeployed, password);

    public int Port { get; }
    public string ConnectionString => $"127.0.0.1:{Port}";
    public string LogFile => _process?.LogFile ?? "";

    /// <param name="directory">Where its data and logs go; null: a temporary folder, deleted with the server.</param>
    public static async Task<RedisServer> StartAsync(string? directory = null, bool appendOnly = false, string? password = null, bool asDeployed = false)
    {
        var own = directory is null;
        directory ??= Directory.CreateTempSubdirectory("redis-").FullName;
        // Another process may take the free port between probe and bind: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var server = new RedisServer(directory, own, FreePort.Next(), appendOnly, asDeployed, password);
            try
            {
                await server.LaunchAsync();
                return server;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                server._process?.Dispose();
            }
        }
    }

    /// <summary>A graceful stop (SIGTERM: Redis flushes its append-only file); returns once it has exited.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        await _process.TerminateAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts the server again on the same port and folder; needs append-only persistence to keep the data.</summary>
    public Task StartAgainAsync()
    {
        if (!_appendOnly) throw new InvalidOperationException("a restart without appendonly would lose every key");
        if (_process is not null) throw new InvalidOperationException("redis-server is still running");
        return LaunchAsync();
    }

    /// <summary><see cref="StopAsync"/>, <paramref name="down"/> of downtime, then <see cref="StartAgainAsync"/>.</summary>
    public async Task RestartAsync(TimeSpan down)
    {
        if (!_appendOnly) throw new InvalidOperationException("a restart without appendonly would lose every key");
        await StopAsync();
        await Task.Delay(down);
        await StartAgainAsync();
    }

    private async Task LaunchAsync()
    {
        string[] persistence = _asDeployed ? ["--appendonly", "yes", "--appendfsync", "everysec"]   // deploy/docker-compose.yml, k8s/redis.yaml
            : ["--save", "", "--appendonly", _appendOnly ? "yes" : "no"];
        string[] args = ["--port", Port.ToString(), "--bind", "127.0.0.1", .. persistence,
                         "--dir", _directory, .. _password is null ? Array.Empty<string>() : ["--requirepass", _password]];
        _process = ChildProcess.Start("redis-server", args, Path.Combine(_directory, $"redis-{++_starts}.log"));
        var process = _process;
        await Wait.UntilAsync(() => Task.FromResult(process.HasExited ? throw new StopWaitingException("redis-server exited") : Answers()),
            TimeSpan.FromSeconds(10), $"redis-server on port {Port}", detail: () => process.Tail(5));
    }

    /// <summary>+PONG, or -NOAUTH when a password is required: either way the server is up (not -LOADING).</summary>
    private bool Answers()
    {
        using var client = new TcpClient();
        client.Connect("127.0.0.1", Port);
        var stream = client.GetStream();
        stream.Write("PING\r\n"u8);
        var buffer = new byte[16];
        var read = stream.Read(buffer);
        var reply = System.Text.Encoding.ASCII.GetString(buffer, 0, read);
        return reply.StartsWith("+PONG") || reply.StartsWith("-NOAUTH");
    }

    public void Dispose()
    {
        _process?.Dispose();
        _process = null;
        if (!_ownsDirectory) return;
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
