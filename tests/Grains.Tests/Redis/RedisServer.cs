using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace OrleansSweep.Grains.Tests.Redis;

/// <summary>
/// A private <c>redis-server</c> child process on a free loopback port with its own temporary folder,
/// stopped by its own PID. With <c>appendOnly</c> its data survives <see cref="StopAsync"/> and
/// <see cref="StartAgainAsync"/> on the same port, as a restarted production Redis would.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private const int SigTerm = 15;
    private readonly bool _appendOnly;
    private Process? _process;

    private RedisServer(int port, string directory, bool appendOnly) =>
        (Port, Directory, _appendOnly) = (port, directory, appendOnly);

    public int Port { get; private set; }
    public string Directory { get; }
    public string ConnectionString => $"127.0.0.1:{Port}";
    public string LogFile => Path.Combine(Directory, "redis.log");

    public static async Task<RedisServer> StartAsync(bool appendOnly = false)
    {
        var server = new RedisServer(0, System.IO.Directory.CreateTempSubdirectory("redis-").FullName, appendOnly);
        // Another process may take the free port between probe and bind: try a few.
        for (var attempt = 1; ; attempt++)
        {
            server.Port = FreePort();
            try
            {
                await server.LaunchAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Stops the server gracefully (SIGTERM: Redis flushes its append-only file) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process) return;
        _ = Kill(process.Id, SigTerm);
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Starts the server again on the same port and folder; needs append-only persistence to keep the data.</summary>
    public Task StartAgainAsync()
    {
        if (!_appendOnly) throw new InvalidOperationException("a restart without appendonly would lose every key");
        if (_process is { HasExited: false }) throw new InvalidOperationException("redis-server is still running");
        return LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private async Task LaunchAsync()
    {
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", _appendOnly ? "yes" : "no",
            "--dir", Directory, "--logfile", LogFile,
        })
            start.ArgumentList.Add(argument);
        _process?.Dispose();
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FileNotFoundException($"redis-server: not on PATH ({e.Message}); scripts/bootstrap.sh installs it");
        }

        var deadline = DateTime.UtcNow + Timeout;
        while (!await AnswersPingAsync())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"redis-server on port {Port} is not answering PING: {Tail(LogFile)}");
            await Task.Delay(50);
        }
    }

    /// <summary>True once the server answers +PONG (while it loads its append-only file it answers -LOADING).</summary>
    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Tail(string file) =>
        File.Exists(file) ? string.Join(" | ", File.ReadLines(file).TakeLast(5)) : "no log";

    // .NET's Process.Kill sends SIGKILL only; SIGTERM lets Redis shut down cleanly.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
