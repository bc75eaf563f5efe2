namespace OrleansSweep.Client.Tests.Sweeps;

/// <summary>`report` in a real process on a sweep whose every trial diverged: nothing to compare, and it says so.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"orleans-sweep-report-{Guid.NewGuid():N}");

    public ReportCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_sweep_without_a_finished_trial_gets_a_report_that_says_so_one_warning_and_exit_0()
    {
        // SGD at a learning rate of 1e6 diverges in the first epoch: both trials end Diverged, none analysable.
        var spec = Path.Combine(_dir, "diverging.yaml");
        File.WriteAllText(spec, TinySpec.Yaml("diverging", epochs: 1)
            .Replace("filters: [4, 8]", "filters: [4]").Replace("optimizer: [adam]", "optimizer: [sgd]")
            .Replace("learningRate: [1e-3]", "learningRate: [1e6]"));
        var state = Path.Combine(_dir, "state");
        var run = await CliProcess.RunAsync(TimeSpan.FromMinutes(4),
            "run", spec, "--state-dir", state, "--no-report", "--slots", "1", "--threads", "1", "--metrics", "off");
        Assert.True(run.ExitCode == 0, string.Join('\n', run.Stderr));

        var folder = Path.Combine(_dir, "report");
        var report = await CliProcess.RunAsync("report", "diverging", "--state-dir", state, "--out", folder);

        Assert.True(report.ExitCode == 0, string.Join('\n', report.Stderr));
        Assert.Equal("warning: diverging: no finished trial yet; the report says so", Assert.Single(report.Stderr));
        Assert.Equal($"Report: {Path.Combine(folder, "report.md")}", Assert.Single(report.Stdout));
        var text = File.ReadAllText(Path.Combine(folder, "report.md"));
        Assert.Contains("No trial has finished with finite losses yet (2 trials: 2 diverged)", text);
        Assert.DoesNotContain("SVG", text);
    }
}
