using System.Net.Sockets;

namespace OrleansSweep.Silo.Tests.Fixtures;

/// <summary>
/// A throw-away redis-server on a free loopback port, stopped by its PID. Nothing persisted unless
/// <c>appendOnly</c>: then it keeps its data across <see cref="RestartAsync"/> on the same port and folder.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly string _directory;
    private readonly bool _appendOnly;
    private readonly string? _password;
    private ChildProcess _process = null!;
    private int _starts;

    private RedisServer(string directory, int port, bool appendOnly, string? password) =>
        (_directory, Port, _appendOnly, _password) = (directory, port, appendOnly, password);

    public int Port { get; }
    public string ConnectionString => $"127.0.0.1:{Port}";
    public string LogFile => _process.LogFile;

    public static async Task<RedisServer> StartAsync(string directory, bool appendOnly = false, string? password = null)
    {
        var server = new RedisServer(directory, FreePort.Next(), appendOnly, password);
        await server.LaunchAsync();
        return server;
    }

    /// <summary>A graceful stop (SIGTERM: the append-only file is flushed), then a start on the same port and data folder.</summary>
    public async Task RestartAsync(TimeSpan down)
    {
        if (!_appendOnly) throw new InvalidOperationException("a restart without appendonly would lose every key");
        await _process.TerminateAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
        await Task.Delay(down);
        await LaunchAsync();
    }

    private async Task LaunchAsync()
    {
        string[] args = ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", _appendOnly ? "yes" : "no",
                         "--dir", _directory, .. _password is null ? Array.Empty<string>() : ["--requirepass", _password]];
        _process = ChildProcess.Start("redis-server", args, Path.Combine(_directory, $"redis-{++_starts}.log"));
        await Wait.UntilAsync(() => Task.FromResult(Answers()), TimeSpan.FromSeconds(10), $"redis-server on port {Port}", detail: () => _process.Tail(5));
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

    public void Dispose() => _process.Dispose();
}
