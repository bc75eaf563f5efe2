using System.Diagnostics;
using System.Text.Json;
using OrleansSweep.Silo.Tests.Fixtures;

namespace OrleansSweep.Silo.Tests.Cluster;

/// <summary>
/// The CLI against a real cluster: redis-server and two silo processes (simulated trainer), driven only by the
/// built `orleans-sweep` process: submit (twice: idempotent), list, pause, resume, watch to the end, results,
/// and cancel of a second sweep.
/// </summary>
public sealed class CliClusterTests : IDisposable
{
    private readonly ProcessScope _scope = new("cli-cluster-");
    private readonly string _serviceId = $"cli-{Guid.NewGuid():N}";
    private string _redis = "";

    [Fact]
    public async Task Submit_list_pause_resume_watch_results_and_cancel_through_the_cli()
    {
        var redis = _scope.Own(await RedisServer.StartAsync(_scope.Directory));
        _redis = redis.ConnectionString;
        var silos = Enumerable.Range(1, 2).Select(i => _scope.Own(SiloProcess.Start($"silo{i}", _scope.Directory, ClusterSiloSettings.Simulated(_redis, "cli-test", _serviceId, _scope.Directory, slots: 2, TimeSpan.FromMilliseconds(250))))).ToList();
        await Task.WhenAll(silos.Select(s => s.WaitReadyAsync(TimeSpan.FromSeconds(40))));

        var submitted = Json(await Cli("submit", Spec("cli-a", epochs: 8), "--json"));
        Assert.Equal("cli-a", submitted.GetProperty("sweepId").GetString());
        Assert.False(submitted.GetProperty("alreadyStarted").GetBoolean());
        Assert.True(Json(await Cli("submit", Spec("cli-a", epochs: 8), "--json")).GetProperty("alreadyStarted").GetBoolean());
        Assert.Contains(Json(await Cli("list", "--json")).EnumerateArray(), s => s.GetProperty("sweepId").GetString() == "cli-a");

        Assert.Equal("paused", Json(await Cli("pause", "cli-a", "--json")).GetProperty("phase").GetString());
        Assert.Equal("running", Json(await Cli("resume", "cli-a", "--json")).GetProperty("phase").GetString());

        var watched = await Cli("watch", "cli-a", "--json");
        var last = JsonDocument.Parse(watched.Stdout[^1]).RootElement;
        Assert.Equal("completed", last.GetProperty("phase").GetString());
        Assert.Equal(24, last.GetProperty("counts").GetProperty("completed").GetInt32());

        var csv = Path.Combine(_scope.Directory, "cli-a.csv");
        await Cli("results", "cli-a", "--out", csv);
        Assert.Equal(25, File.ReadAllLines(csv).Length);

        await Cli("submit", Spec("cli-b", epochs: 20));
        Assert.Equal("cancelled", Json(await Cli("cancel", "cli-b", "--json")).GetProperty("phase").GetString());
        var again = await Cli(expectedExit: 2, "cancel", "cli-b");
        Assert.StartsWith("error: SWEEP: 'cli-b' has already ended (cancelled)", Assert.Single(again.Stderr));
    }

    private string Spec(string name, int epochs)
    {
        var path = Path.Combine(_scope.Directory, $"{name}.yaml");
        File.WriteAllText(path, $"""
            name: {name}
            seed: 3
            data: {"{"} subset: 1000 {"}"}
            factors:
              dataset: [fashion-mnist]
              architecture: [sequential, parallel]
              layers: [2, 4]
              filters: [4, 8, 16]
              kernel: [3]
              activation: [relu]
              batchNorm: [false, true]
              optimizer: [adam]
              learningRate: [1e-3]
              batchSize: [32]
            epochs: {epochs}
            """);
        return path;
    }

    private Task<Result> Cli(params string[] args) => Cli(0, args);

    /// <summary>Runs the built CLI against this test's cluster (found through Redis, as users do).</summary>
    private async Task<Result> Cli(int expectedExit, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[RepoPaths.CliDll, .. args, "--cluster", _redis, "--cluster-id", "cli-test", "--service-id", _serviceId])
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        var result = new Result(Lines(await stdout), Lines(await stderr));
        Assert.True(process.ExitCode == expectedExit, $"orleans-sweep {string.Join(' ', args)} exited {process.ExitCode}: {string.Join('\n', result.Stderr)}");
        return result;
    }

    private static JsonElement Json(Result result) => JsonDocument.Parse(string.Join('\n', result.Stdout)).RootElement;

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private sealed record Result(string[] Stdout, string[] Stderr);

    public void Dispose() => _scope.Dispose();
}
