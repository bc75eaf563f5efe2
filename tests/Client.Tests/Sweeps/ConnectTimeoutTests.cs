using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace OrleansSweep.Client.Tests.Sweeps;

/// <summary>
/// A cluster that cannot be reached: one line saying what could not be reached and how long it was tried, exit 1,
/// within --connect-timeout (or ORLEANS_SWEEP_CONNECT_TIMEOUT). Real processes on real ports.
/// </summary>
public sealed class ConnectTimeoutTests
{
    [Fact]
    public async Task A_gateway_port_nobody_listens_on_is_named_with_the_time_tried()
    {
        var port = ClosedPort();

        var result = await CliProcess.RunAsync("status", "smoke", "--gateway", $"127.0.0.1:{port}", "--connect-timeout", "2");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: cannot reach gateway 127.0.0.1:{port} (tried for 2 s)", Assert.Single(result.Stderr));
    }

    [Fact]
    public async Task Redis_on_a_closed_port_is_named_with_the_time_tried()
    {
        var port = ClosedPort();

        var result = await CliProcess.RunAsync("list", "--cluster", $"127.0.0.1:{port}", "--connect-timeout", "2");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: cannot reach Redis 127.0.0.1:{port} (tried for 2 s)", Assert.Single(result.Stderr));
    }

    /// <summary>A port that accepts connections and never answers: what a wrong port (not Redis) looks like.</summary>
    [Fact]
    public async Task A_port_where_nothing_speaks_redis_is_named_within_the_environment_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var accepted = new ConcurrentBag<TcpClient>();
        _ = Task.Run(async () =>
        {
            while (true) accepted.Add(await silent.AcceptTcpClientAsync());   // ends when the listener is disposed
        });

        var result = await CliProcess.RunAsync(new Dictionary<string, string> { ["ORLEANS_SWEEP_CONNECT_TIMEOUT"] = "3" },
            TimeSpan.FromMinutes(1), "status", "smoke", "--cluster", $"127.0.0.1:{port}");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: cannot reach Redis 127.0.0.1:{port} (tried for 3 s)", Assert.Single(result.Stderr));
        Assert.NotEmpty(accepted);   // it did connect: the port was open, only not Redis
    }

    [Theory]
    [InlineData("--connect-timeout", "0", "error: --connect-timeout: must be more than 0")]
    [InlineData("--connect-timeout", "soon", "error: --connect-timeout: 'soon' is not a number")]
    public async Task A_bad_timeout_is_bad_input(string option, string value, string expected)
    {
        var result = await CliProcess.RunAsync("status", "smoke", "--gateway", "127.0.0.1:1", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(expected, Assert.Single(result.Stderr));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;   // closed again when disposed
    }
}
