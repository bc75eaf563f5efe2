using System.Net.Sockets;

namespace OrleansSweep.Silo.Tests.Fixtures;

/// <summary>A throw-away redis-server on a free loopback port, nothing persisted; stopped by its PID.</summary>
public sealed class RedisServer : IDisposable
{
    private readonly ChildProcess _process;

    private RedisServer(ChildProcess process, int port) => (_process, Port) = (process, port);

    public int Port { get; }
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync(string directory)
    {
        var port = FreePort.Next();
        var process = ChildProcess.Start("redis-server",
            ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory],
            Path.Combine(directory, "redis.log"));
        var server = new RedisServer(process, port);
        await Wait.UntilAsync(() => Task.FromResult(server.Answers()), TimeSpan.FromSeconds(10), $"redis-server on port {port} ({process.Tail(5)})");
        return server;
    }

    private bool Answers()
    {
        using var client = new TcpClient();
        client.Connect("127.0.0.1", Port);
        var stream = client.GetStream();
        stream.Write("PING\r\n"u8);
        var buffer = new byte[16];
        var read = stream.Read(buffer);
        return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG");
    }

    public void Dispose() => _process.Dispose();
}
