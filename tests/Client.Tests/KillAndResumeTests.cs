namespace OrleansSweep.Client.Tests;

/// <summary>
/// Process-level fault tests: a run killed with SIGKILL (or stopped with SIGINT) and resumed from its checkpoints
/// ends exactly like an uninterrupted run with the same arguments.
/// </summary>
public sealed class KillAndResumeTests
{
    // Large enough that an epoch takes a noticeable fraction of a second, so the kill lands mid-run.
    private static readonly string[] Run =
        ["train", "--data-dir", CliProcess.FashionMnist, "--subset", "3000", "--layers", "2", "--filters", "8",
         "--threads", "1", "--epochs", "4", "--seed", "3", "--json"];

    [Fact]
    public async Task Killed_after_epoch_2_and_resumed_matches_an_uninterrupted_run()
    {
        var checkpoints = NewDirectory();

        var killed = await RunUntilEpochThenSignal(checkpoints, epoch: 2, signal: null);
        var resumed = await CliProcess.RunAsync([.. Run, "--checkpoint-dir", checkpoints, "--resume"]);
        var reference = await CliProcess.RunAsync([.. Run, "--checkpoint-dir", NewDirectory()]);

        Assert.Equal(0, reference.ExitCode);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains(resumed.Stderr, line => line.StartsWith("note: resuming"));
        AssertSameTrajectory(killed, resumed, reference);
    }

    [Fact]
    public async Task Interrupt_stops_gracefully_and_resume_continues()
    {
        var checkpoints = NewDirectory();

        var stopped = await RunUntilEpochThenSignal(checkpoints, epoch: 1, signal: "INT");
        var resumed = await CliProcess.RunAsync([.. Run, "--checkpoint-dir", checkpoints, "--resume"]);
        var reference = await CliProcess.RunAsync([.. Run, "--checkpoint-dir", NewDirectory()]);

        Assert.Equal(130, stopped.ExitCode);
        var final = JsonLine.Parse(stopped.Stdout[^1]);
        Assert.Equal("cancelled", final.Status);
        Assert.Equal(JsonLine.Parse(stopped.Stdout[^2]).Epoch, final.Epoch);
        AssertSameTrajectory(stopped with { Stdout = stopped.Stdout.SkipLast(1).ToArray() }, resumed, reference);
    }

    /// <summary>
    /// The interrupted run's epochs followed by the resumed run's epochs are, number for number, the
    /// uninterrupted run's epochs; the final lines agree too.
    /// </summary>
    private static void AssertSameTrajectory(CliProcess.Result interrupted, CliProcess.Result resumed, CliProcess.Result reference)
    {
        var before = interrupted.Stdout.Select(JsonLine.Parse).ToArray();
        var after = resumed.Stdout.Select(JsonLine.Parse).ToArray();
        var expected = reference.Stdout.Select(JsonLine.Parse).ToArray();
        Assert.InRange(before.Length, 1, 3);                         // interrupted before the end
        Assert.InRange(after[0].Epoch, 2, before[^1].Epoch + 1);      // continued from a checkpoint, not from scratch
        var stitched = before.Where(l => l.Epoch < after[0].Epoch).Concat(after).ToArray();
        Assert.Equal(expected.Select(l => l.DeterministicPart()), stitched.Select(l => l.DeterministicPart()));
        Assert.Equal("completed", stitched[^1].Status);
    }

    private static async Task<CliProcess.Result> RunUntilEpochThenSignal(string checkpoints, int epoch, string? signal)
    {
        using var process = CliProcess.Start([.. Run, "--checkpoint-dir", checkpoints]);
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
            if (JsonLine.Parse(line).Epoch != epoch) continue;
            if (signal is null) process.Kill(entireProcessTree: true);   // SIGKILL: no chance to clean up
            else CliProcess.Signal(process.Id, signal);
            break;
        }
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } rest) lines.Add(rest);
        await process.WaitForExitAsync(timeout.Token);
        return new CliProcess.Result(process.ExitCode, lines, (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string NewDirectory() =>
        Path.Combine(Path.GetTempPath(), $"orleans-sweep-ckpt-{Guid.NewGuid():N}");
}
