using System.Text.Json;
using OrleansSweep.Client.Commands;
using Spectre.Console.Cli;

namespace OrleansSweep.Client.Tests;

public sealed class PlanCommandTests
{
    [Fact]
    public void Plan_paper_says_6912_and_lists_factors_and_first_trials()
    {
        var (exit, stdout, stderr) = Plan("paper", json: false);

        Assert.Equal(0, exit);
        Assert.DoesNotContain("error:", stderr);
        Assert.Contains("Sweep paper: 6912 trials", stdout);
        Assert.Contains("2, 4, 8, 16", stdout);
        Assert.Contains("0.01, 0.001, 0.0001", stdout);
        Assert.Contains("First 10 trials", stdout);
    }

    [Fact]
    public void Plan_json_is_one_object_with_name_trials_factors_and_first_trials()
    {
        var (exit, stdout, _) = Plan("paper", json: true);

        Assert.Equal(0, exit);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("paper", root.GetProperty("name").GetString());
        Assert.Equal(6912, root.GetProperty("trials").GetInt64());
        Assert.Equal([2, 4, 8, 16], root.GetProperty("factors").GetProperty("layers").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([false, true], root.GetProperty("factors").GetProperty("batchNorm").EnumerateArray().Select(e => e.GetBoolean()));
        var trials = root.GetProperty("firstTrials").EnumerateArray().ToList();
        Assert.Equal(10, trials.Count);
        Assert.Equal(["sequential", "parallel"], trials.Take(2).Select(t => t.GetProperty("architecture").GetString()));
        Assert.Equal(trials[0].GetProperty("seed").GetInt64(), trials[1].GetProperty("seed").GetInt64());
        Assert.Equal(Enumerable.Range(0, 10), trials.Select(t => t.GetProperty("index").GetInt32()));
    }

    [Fact]
    public void Plan_smoke_has_its_data_and_at_least_8_trials()
    {
        var (exit, stdout, stderr) = Plan("smoke", json: true);

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.True(root.GetProperty("trials").GetInt64() >= 8);
        Assert.Empty(root.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public void An_invalid_spec_prints_each_error_on_its_own_line_and_exits_2()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("plan-").FullName, "bad.yaml");
        File.WriteAllText(file, "name: bad\nfactors:\n  dataset: [mnist, imagenet]\n  layers: [0, 4]\nreplicates: 0\n");

        var (exit, stdout, stderr) = Plan(file, json: false);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal(
        [
            "error: factors.dataset[1]: unknown dataset 'imagenet' (known: mnist, fashion-mnist, cifar10) (line 3)",
            "error: factors.layers[0]: must be positive, got 0 (line 4)",
            "error: replicates: must be positive, got 0 (line 5)",
        ], stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void Missing_data_is_a_warning_naming_the_folder_setting()
    {
        var folder = Directory.CreateTempSubdirectory("plan-").FullName;
        var file = Path.Combine(folder, "nodata.yaml");
        File.WriteAllText(file, "name: nodata\ndata:\n  dirs:\n    mnist: empty\nfactors:\n  dataset: mnist\n");

        var (exit, stdout, stderr) = Plan(file, json: false);

        Assert.Equal(0, exit);
        Assert.Contains("Sweep nodata: 2 trials", stdout);
        Assert.StartsWith($"warning: data.dirs.mnist: mnist files missing in {Path.Combine(folder, "empty")}", stderr);
    }

    [Fact]
    public void The_registered_command_runs_through_the_cli_and_refuses_an_unknown_spec()
    {
        var app = new CommandApp();
        app.Configure(PlanCommand.Register);

        Assert.Equal(PlanCommand.InvalidSpecExitCode, app.Run(["plan", "no-such-spec-or-preset"]));
    }

    private static (int Exit, string Stdout, string Stderr) Plan(string spec, bool json)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = PlanCommand.Run(spec, json, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
