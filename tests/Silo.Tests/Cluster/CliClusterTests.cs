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

    /// <summary>
    /// A coordinator-only silo is a natural gateway, but a client whose only gateway it is may not know the trial grain
    /// type until its cluster manifest refreshes: histories therefore go through the coordinator, and the client never
    /// addresses a trial grain.
    /// </summary>
    [Fact]
    public async Task A_client_whose_only_gateway_has_no_slots_gets_histories_and_the_report()
    {
        var redis = _scope.Own(await RedisServer.StartAsync(_scope.Directory));
        _redis = redis.ConnectionString;
        var slotless = Loopback(ClusterSiloSettings.Simulated(_redis, "cli-test", _serviceId, _scope.Directory, slots: 0, TimeSpan.FromMilliseconds(100)));
        var trainer = Loopback(ClusterSiloSettings.Simulated(_redis, "cli-test", _serviceId, _scope.Directory, slots: 2, TimeSpan.FromMilliseconds(100)));
        var silos = new[]
        {
            _scope.Own(SiloProcess.Start("coordinator", _scope.Directory, slotless)),
            _scope.Own(SiloProcess.Start("trainer", _scope.Directory, trainer)),
        };
        await Task.WhenAll(silos.Select(s => s.WaitReadyAsync(TimeSpan.FromSeconds(40))));
        string[] gateway = ["--gateway", $"127.0.0.1:{slotless["Orleans__GatewayPort"]}", "--cluster-id", "cli-test", "--service-id", _serviceId];

        await CliWithout(0, ["submit", Spec("cli-g", epochs: 2), .. gateway]);
        await CliWithout(0, ["watch", "cli-g", "--json", .. gateway]);
        var csv = Path.Combine(_scope.Directory, "cli-g.csv");
        await CliWithout(0, ["results", "cli-g", "--epochs", "--out", csv, .. gateway]);
        var report = Path.Combine(_scope.Directory, "report-g");
        await CliWithout(0, ["report", "cli-g", "--out", report, .. gateway]);

        Assert.Equal(1 + 24 * 2, File.ReadAllLines(csv).Length);   // a row per trial and epoch
        Assert.Contains("## Learning curves", File.ReadAllText(Path.Combine(report, "report.md")));
    }

    /// <summary>Silos that advertise (and listen on) loopback, so a client can name one by 127.0.0.1.</summary>
    private static Dictionary<string, string> Loopback(Dictionary<string, string> settings)
    {
        settings["Orleans__AdvertisedAddress"] = "127.0.0.1";
        return settings;
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
    private Task<Result> Cli(int expectedExit, params string[] args) =>
        CliWithout(expectedExit, [.. args, "--cluster", _redis, "--cluster-id", "cli-test", "--service-id", _serviceId]);

    /// <summary>Runs the built CLI with exactly these arguments (no --cluster added).</summary>
    private static async Task<Result> CliWithout(int expectedExit, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[RepoPaths.CliDll, .. args]) info.ArgumentList.Add(arg);
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
