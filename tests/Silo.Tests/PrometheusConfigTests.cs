using System.Diagnostics;
using OrleansSweep.Silo.Tests.Fixtures;

namespace OrleansSweep.Silo.Tests;

/// <summary>deploy/prometheus is valid for Prometheus' own checker, and the alerts fire (and stay quiet) as their unit tests say.</summary>
public sealed class PrometheusConfigTests
{
    [Theory]
    [InlineData("check", "config", "prometheus.yml")]
    [InlineData("check", "rules", "alerts.yml")]
    [InlineData("test", "rules", "alerts.test.yml")]
    public async Task Promtool_accepts(string verb, string what, string file)
    {
        var info = new ProcessStartInfo("promtool", [verb, what, file])
        {
            WorkingDirectory = RepoPaths.Deploy("prometheus"), RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var text = $"{await output}\n{await errors}";
        Assert.True(process.ExitCode == 0, $"promtool {verb} {what} {file}:\n{text}");
        Assert.Contains("SUCCESS", text);
    }
}
