using System.Text.Json;

namespace OrleansSweep.Client.Tests.Sweeps;

/// <summary>
/// A command sent to an embedded folder while the `run` that owns it is stopping: its gateway is closing, the
/// folder still locked. The command must not wait for the gateway and fail; it reads the folder once `run` lets go.
/// </summary>
public sealed class StoppingOwnerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"orleans-sweep-stopping-{Guid.NewGuid():N}");

    public StoppingOwnerTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Status_sent_as_run_stops_reads_the_folder()
    {
        var spec = TinySpec.Write(_dir, "stopping", epochs: 6);
        var state = Path.Combine(_dir, "state");
        using var run = CliProcess.Start("run", spec, "--state-dir", state, "--json", "--no-report", "--slots", "1", "--threads", "1");
        var runErrors = run.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        if (await run.StandardOutput.ReadLineAsync(timeout.Token) is null)   // running: its first status
            Assert.Fail($"run ended before its first status: {await runErrors}");
        var rest = run.StandardOutput.ReadToEndAsync(timeout.Token);

        CliProcess.Signal(run.Id, "INT");
        var status = await CliProcess.RunAsync("status", "stopping", "--state-dir", state, "--json");
        await run.WaitForExitAsync(timeout.Token);
        await rest;

        Assert.True(status.ExitCode == 0, string.Join('\n', status.Stderr));
        var json = JsonDocument.Parse(string.Join('\n', status.Stdout)).RootElement;
        Assert.Equal("stopping", json.GetProperty("sweepId").GetString());
        Assert.Equal("running", json.GetProperty("phase").GetString());   // stopped, not ended: the same command resumes it
        Assert.Equal(130, run.ExitCode);
        Assert.Contains("Stopped at", await runErrors);
    }
}
