using System.Text.Json;

namespace OrleansSweep.Client.Tests.Sweeps;

/// <summary>
/// `run` end to end in real processes on real Fashion-MNIST: the smoke preset with its report, and a run that is
/// interrupted (Ctrl-C, then kill -9) and resumed by the same command, against an uninterrupted run.
/// </summary>
public sealed class EmbeddedRunTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"orleans-sweep-run-{Guid.NewGuid():N}");

    public EmbeddedRunTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Run_smoke_completes_with_its_report_and_the_folder_answers_queries_afterwards()
    {
        var state = Path.Combine(_dir, "state");

        var run = await CliProcess.RunAsync(TimeSpan.FromMinutes(6), "run", "smoke", "--state-dir", state);

        Assert.True(run.ExitCode == 0, string.Join('\n', run.Stderr));
        var report = Path.Combine(state, "reports", "smoke");
        Assert.Contains("# ", File.ReadAllText(Path.Combine(report, "report.md")));
        Assert.NotEmpty(Directory.GetFiles(report, "*.png"));
        Assert.NotEmpty(Directory.GetFiles(report, "*.svg"));

        // No process runs the folder now: list, status and results open it themselves.
        var list = await CliProcess.RunAsync("list", "--state-dir", state, "--json");
        var sweep = Assert.Single(JsonDocument.Parse(string.Join('\n', list.Stdout)).RootElement.EnumerateArray());
        Assert.Equal("smoke", sweep.GetProperty("sweepId").GetString());
        Assert.Equal("completed", sweep.GetProperty("phase").GetString());

        var status = JsonDocument.Parse(string.Join('\n', (await CliProcess.RunAsync("status", "smoke", "--state-dir", state, "--json")).Stdout)).RootElement;
        Assert.Equal(8, status.GetProperty("counts").GetProperty("completed").GetInt32());

        var csv = Path.Combine(_dir, "smoke.csv");
        Assert.Equal(0, (await CliProcess.RunAsync("results", "smoke", "--state-dir", state, "--out", csv)).ExitCode);
        var lines = File.ReadAllLines(csv);
        Assert.StartsWith("trialIndex,dataset,architecture,", lines[0], StringComparison.OrdinalIgnoreCase);
        Assert.Equal(9, lines.Length);
    }

    [Fact]
    public async Task Interrupted_then_killed_run_resumes_with_the_same_command_and_matches_an_uninterrupted_run()
    {
        var spec = TinySpec.Write(_dir, "tiny", epochs: 6);
        var reference = Path.Combine(_dir, "reference");
        var interrupted = Path.Combine(_dir, "interrupted");

        Assert.Equal(0, (await CliProcess.RunAsync(TimeSpan.FromMinutes(4), ["run", spec, "--state-dir", reference, .. OneSlot])).ExitCode);

        // Ctrl-C once a trial has finished: graceful stop, exit 130, the sweep is left running.
        var stopped = await RunUntil(spec, interrupted, done: 1, signal: "INT");
        Assert.Equal(130, stopped.ExitCode);
        Assert.Contains(stopped.Stderr, l => l.StartsWith("Stopped at"));
        // kill -9 once another trial has finished (a trial is mid-epoch then, most likely).
        var killed = await RunUntil(spec, interrupted, done: 2, signal: "KILL");
        Assert.Contains(killed.Stderr, l => l.StartsWith("Resuming sweep tiny"));

        var resumed = await CliProcess.RunAsync(TimeSpan.FromMinutes(4), ["run", spec, "--state-dir", interrupted, .. OneSlot]);
        Assert.True(resumed.ExitCode == 0, string.Join('\n', resumed.Stderr));

        // The same name with another spec is refused, naming the field; the finished sweep is untouched.
        var changed = await CliProcess.RunAsync("run", Changed("changed", TinySpec.Yaml("tiny", epochs: 6).Replace("seed: 11", "seed: 12")), "--state-dir", reference);
        Assert.Equal(2, changed.ExitCode);
        Assert.StartsWith("error: name: a different spec is already registered under the name 'tiny'", Assert.Single(changed.Stderr));
        var fewer = await CliProcess.RunAsync("run", TinySpec.Write(Path.Combine(_dir, "fewer"), "tiny", epochs: 5), "--state-dir", reference);
        Assert.Equal(2, fewer.ExitCode);
        Assert.Equal("error: epochs: sweep 'tiny' trains 6 epochs; they can be raised (to train on), not lowered", Assert.Single(fewer.Stderr));

        var expected = await Results(reference);
        var actual = await Results(interrupted);
        Assert.Equal(expected.Select(r => r.Index), actual.Select(r => r.Index));
        foreach (var (want, got) in expected.Zip(actual))
        {
            Assert.Equal("completed", got.Status);
            Assert.Equal(Enumerable.Range(1, 6), got.Epochs);                // every epoch recorded once: none twice
            Assert.Equal(want.Final, got.Final);                             // bit-identical final figures
        }
    }

    [Fact]
    public async Task Raising_the_epochs_of_a_completed_sweep_trains_it_on_and_matches_a_sweep_run_with_them_from_the_start()
    {
        var raised = Path.Combine(_dir, "raised");
        var straight = Path.Combine(_dir, "straight");
        var two = TinySpec.Write(Path.Combine(_dir, "two"), "tiny", epochs: 2);
        var four = TinySpec.Write(Path.Combine(_dir, "four"), "tiny", epochs: 4);
        Assert.Equal(0, (await CliProcess.RunAsync(TimeSpan.FromMinutes(4), ["run", two, "--state-dir", raised, .. OneSlot])).ExitCode);

        var again = await CliProcess.RunAsync(TimeSpan.FromMinutes(4), ["run", four, "--state-dir", raised, .. OneSlot]);
        Assert.True(again.ExitCode == 0, string.Join('\n', again.Stderr));
        Assert.Contains(again.Stderr, l => l.StartsWith("Sweep tiny: epochs raised to 4; 4 completed trials train on from their checkpoints", StringComparison.Ordinal));
        Assert.Equal(0, (await CliProcess.RunAsync(TimeSpan.FromMinutes(4), ["run", four, "--state-dir", straight, .. OneSlot])).ExitCode);

        var expected = await Results(straight);
        var actual = await Results(raised);
        Assert.Equal(4, actual.Count);
        foreach (var (want, got) in expected.Zip(actual))
        {
            Assert.Equal(("completed", 2), (got.Status, got.Attempts));                 // the first run's attempt and the one that trained on
            Assert.Equal(Enumerable.Range(1, 4), got.Epochs);                           // epochs 1-2 kept, 3-4 trained on: none twice
            Assert.Equal(want.Final, got.Final);                                        // bit-identical to training 4 epochs straight
        }
    }

    private string Changed(string name, string yaml)
    {
        var path = Path.Combine(_dir, name, "tiny.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>One single-threaded slot: trials one after another (time to signal between them), and the same
    /// threads in every run, so the figures can be compared bit for bit.</summary>
    private static readonly string[] OneSlot = ["--no-report", "--slots", "1", "--threads", "1"];

    private sealed record Row(long Index, string Status, int Attempts, IReadOnlyList<int> Epochs, string Final);

    private async Task<IReadOnlyList<Row>> Results(string state)
    {
        var file = Path.Combine(_dir, $"{Path.GetFileName(state)}.jsonl");
        var export = await CliProcess.RunAsync("results", "tiny", "--state-dir", state, "--format", "jsonl", "--epochs", "--out", file);
        Assert.True(export.ExitCode == 0, string.Join('\n', export.Stderr));
        return File.ReadAllLines(file).Select(line => JsonDocument.Parse(line).RootElement).Select(r => new Row(
            r.GetProperty("trialIndex").GetInt64(),
            r.GetProperty("status").GetString()!,
            r.GetProperty("attempts").GetInt32(),
            r.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32()).ToList(),
            string.Join(',', new[] { "finalTrainLoss", "finalTrainAccuracy", "finalValLoss", "finalValAccuracy", "bestValLoss" }
                .Select(p => r.GetProperty(p).GetRawText())))).ToList();
    }

    /// <summary>
    /// Starts `run --json` and signals it once <paramref name="done"/> trials have finished. Before a Ctrl-C,
    /// `status` from another process must reach the running one (through the gateway it published in the folder).
    /// </summary>
    private static async Task<CliProcess.Result> RunUntil(string spec, string state, int done, string signal)
    {
        using var process = CliProcess.Start(["run", spec, "--state-dir", state, "--json", .. OneSlot]);
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var lines = new List<string>();
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
            if (lines.Count == 1 && signal == "INT") await AssertStatusReachesTheRunningProcess(state);   // surely running
            if (JsonDocument.Parse(line).RootElement.GetProperty("done").GetInt32() < done) continue;
            if (signal == "KILL") process.Kill(entireProcessTree: true);
            else CliProcess.Signal(process.Id, signal);
            break;
        }
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } rest) lines.Add(rest);
        await process.WaitForExitAsync(timeout.Token);
        return new CliProcess.Result(process.ExitCode, lines, (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static async Task AssertStatusReachesTheRunningProcess(string state)
    {
        var status = await CliProcess.RunAsync("status", "tiny", "--state-dir", state, "--json");
        Assert.True(status.ExitCode == 0, string.Join('\n', status.Stderr));
        Assert.Equal("running", JsonDocument.Parse(string.Join('\n', status.Stdout)).RootElement.GetProperty("phase").GetString());
    }
}
