using System.Text.Json;

namespace OrleansSweep.Client.Tests.Sweeps;

/// <summary>`run`'s ETA and trials/h, as printed: nothing ("—", null in JSON) until enough work has finished.</summary>
public sealed class RunPaceTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"orleans-sweep-pace-{Guid.NewGuid():N}");

    public RunPaceTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Eta_and_rate_stay_unknown_while_fewer_than_three_trials_have_finished()
    {
        // Two slots: twins finish together, the case that read as ~1,300 trials/h and an ETA of seconds.
        var spec = TinySpec.Write(_dir, "pace", epochs: 2);

        var run = await CliProcess.RunAsync(TimeSpan.FromMinutes(4), "run", spec, "--state-dir", Path.Combine(_dir, "state"),
            "--json", "--no-report", "--slots", "2", "--threads", "1");

        Assert.True(run.ExitCode == 0, string.Join('\n', run.Stderr));
        var statuses = run.Stdout.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var early = statuses.Where(s => s.GetProperty("done").GetInt32() < 3).ToList();
        // Some work had finished while the pace was still unknown (which counts a poll sees depends on timing).
        Assert.Contains(early, s => s.GetProperty("done").GetInt32() > 0);
        Assert.All(early, s =>
        {
            Assert.Equal(JsonValueKind.Null, s.GetProperty("etaSeconds").ValueKind);
            Assert.Equal(JsonValueKind.Null, s.GetProperty("trialsPerHour").ValueKind);
        });
    }
}
