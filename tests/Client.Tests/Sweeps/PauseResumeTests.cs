using System.Text;
using System.Text.Json;
using CsvHelper;

namespace OrleansSweep.Client.Tests.Sweeps;

/// <summary>
/// A pause costs a trial no attempt: `run` trains a real sweep, `pause` stops the trial that has an epoch done, `resume`
/// lets it finish, and the exported results show it with 1 attempt and 1 interruption.
/// </summary>
public sealed class PauseResumeTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"orleans-sweep-pause-{Guid.NewGuid():N}");

    public PauseResumeTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_paused_and_resumed_trial_shows_one_attempt_and_one_interruption_in_the_exports()
    {
        var spec = TinySpec.Write(_dir, "paused", epochs: 12);   // seconds a trial: the pause (a CLI process starting) lands while it trains
        var state = Path.Combine(_dir, "state");
        using var run = CliProcess.Start("run", spec, "--state-dir", state, "--json", "--no-report", "--slots", "1", "--threads", "1");
        var runErrors = run.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        long paused = -1;
        var seen = new List<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (paused < 0 && await run.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.Add($"{clock.Elapsed.TotalSeconds:0.0}s {line}");
            var running = JsonDocument.Parse(line).RootElement.GetProperty("running").EnumerateArray();
            paused = running.Where(r => r.GetProperty("epochsDone").GetInt32() is >= 1 and <= 3).Select(r => r.GetProperty("trialIndex").GetInt64()).FirstOrDefault(-1);
        }
        if (paused < 0) Assert.Fail($"run ended before a trial had an epoch done: {await runErrors}");   // (awaits run's end)
        var rest = run.StandardOutput.ReadToEndAsync(timeout.Token);

        var pause = await CliProcess.RunAsync("pause", "paused", "--state-dir", state, "--json");
        Assert.True(pause.ExitCode == 0, $"pause at {clock.Elapsed.TotalSeconds:0.0}s: {string.Join('\n', pause.Stderr)}\n{string.Join('\n', seen)}");
        Assert.Equal("paused", Json(pause).GetProperty("phase").GetString());
        var whilePaused = Json(await Cli("status", "paused", "--state-dir", state, "--json"));
        Assert.Empty(whilePaused.GetProperty("running").EnumerateArray());
        Assert.True(whilePaused.GetProperty("interruptions").GetInt64() >= 1);
        Assert.Equal(0, whilePaused.GetProperty("retries").GetInt64());
        Assert.Equal("running", Json(await Cli("resume", "paused", "--state-dir", state, "--json")).GetProperty("phase").GetString());
        await run.WaitForExitAsync(timeout.Token);
        await rest;
        Assert.True(run.ExitCode == 0, await runErrors);

        var csv = Path.Combine(_dir, "paused.csv");
        await Cli("results", "paused", "--state-dir", state, "--out", csv);
        var rows = Rows(csv);
        Assert.Equal(4, rows.Count);
        Assert.Equal((1, 1), rows[paused]);                                             // the trial that was paused
        Assert.All(rows.Values, r => Assert.Equal(1, r.Attempts));
        Assert.All(rows.Values, r => Assert.InRange(r.Interruptions, 0, 1));          // a lease claimed ahead was stopped too, at most
        var final = Json(await Cli("status", "paused", "--state-dir", state, "--json"));
        Assert.Equal(final.GetProperty("interruptions").GetInt64(), rows.Values.Sum(r => r.Interruptions));
    }

    private static async Task<CliProcess.Result> Cli(params string[] args)
    {
        var result = await CliProcess.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}: exit {result.ExitCode}\n{string.Join('\n', result.Stderr)}");
        return result;
    }

    private static JsonElement Json(CliProcess.Result result) => JsonDocument.Parse(string.Join('\n', result.Stdout)).RootElement;

    private static Dictionary<long, (int Attempts, int Interruptions)> Rows(string csvPath)
    {
        using var csv = CsvReader.Create(Encoding.UTF8.GetBytes(File.ReadAllText(csvPath)), CsvReaderOptions.Default);
        var rows = new Dictionary<long, (int, int)>();
        while (csv.Read())
            rows[long.Parse(csv.GetString("trialIndex"))] = (int.Parse(csv.GetString("attempts")), int.Parse(csv.GetString("interruptions")));
        return rows;
    }
}
