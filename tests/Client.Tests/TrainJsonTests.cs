namespace OrleansSweep.Client.Tests;

/// <summary>`train --json` end to end on a small real Fashion-MNIST subset.</summary>
public sealed class TrainJsonTests
{
    public static readonly string[] SmallRun =
        ["train", "--data-dir", CliProcess.FashionMnist, "--subset", "600", "--layers", "2", "--filters", "4",
         "--threads", "1", "--json"];

    [Fact]
    public async Task Prints_one_line_per_epoch_and_a_final_completed_line()
    {
        var result = await CliProcess.RunAsync([.. SmallRun, "--epochs", "2", "--lr", "0.01", "--batch", "32"]);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Select(JsonLine.Parse).ToArray();
        Assert.Equal(3, lines.Length);
        Assert.All(lines, line => Assert.Equal(JsonLine.Fields.Order(), line.Raw.Keys.Order()));
        Assert.Equal([1, 2, 2], lines.Select(l => l.Epoch));
        Assert.Equal(["epoch", "epoch", "completed"], lines.Select(l => l.Status));
        foreach (var line in lines[..2])
        {
            Assert.InRange(line.Number("trainLoss"), 0.01, 5);
            Assert.InRange(line.Number("valAccuracy"), 0, 1);
            Assert.True(line.Number("samplesPerSecond") > 0);
            Assert.True(line.Number("parameters") > 0);
        }
        // Two epochs of Adam on real images must learn something: losses fall, accuracy beats chance (0.1).
        Assert.True(lines[1].Number("trainLoss") < lines[0].Number("trainLoss"));
        Assert.True(lines[1].Number("valLoss") < lines[0].Number("valLoss"));
        Assert.True(lines[1].Number("valAccuracy") > 0.12);
        Assert.Equal(lines[1].Raw["trainLoss"], lines[2].Raw["trainLoss"]);
    }

    [Fact]
    public async Task Same_arguments_give_identical_metrics()
    {
        var first = await CliProcess.RunAsync([.. SmallRun, "--epochs", "1", "--seed", "7"]);
        var second = await CliProcess.RunAsync([.. SmallRun, "--epochs", "1", "--seed", "7"]);
        var otherSeed = await CliProcess.RunAsync([.. SmallRun, "--epochs", "1", "--seed", "8"]);

        Assert.Equal(Deterministic(first), Deterministic(second));
        Assert.NotEqual(Deterministic(first), Deterministic(otherSeed));
    }

    [Fact]
    public async Task Resume_with_nothing_to_resume_is_an_error_and_creates_nothing_unless_asked_to_start_fresh()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"orleans-sweep-missing-{Guid.NewGuid():N}");

        var strict = await CliProcess.RunAsync([.. SmallRun, "--epochs", "1", "--checkpoint-dir", missing, "--resume"]);

        Assert.Equal(2, strict.ExitCode);
        Assert.Equal([$"error: --resume: {missing} holds no checkpoint to resume from (start without --resume, or use --resume-if-any)"], strict.Stderr);
        Assert.False(Directory.Exists(missing));

        var lenient = await CliProcess.RunAsync([.. SmallRun, "--epochs", "1", "--checkpoint-dir", missing, "--resume-if-any"]);

        Assert.Equal(0, lenient.ExitCode);
        Assert.Contains(lenient.Stderr, line => line.StartsWith("note: ") && line.Contains("starting fresh"));
        Assert.Equal(1, JsonLine.Parse(lenient.Stdout[0]).Epoch);
        Assert.Single(Directory.GetFiles(missing, "*.ckpt"));
    }

    [Fact]
    public async Task A_fresh_run_refuses_a_folder_that_holds_checkpoints_and_raising_the_epochs_trains_further()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"orleans-sweep-raise-{Guid.NewGuid():N}");
        Assert.Equal(0, (await CliProcess.RunAsync([.. SmallRun, "--epochs", "1", "--checkpoint-dir", directory])).ExitCode);

        var again = await CliProcess.RunAsync([.. SmallRun, "--epochs", "1", "--checkpoint-dir", directory]);
        Assert.Equal(2, again.ExitCode);
        Assert.Equal([$"error: --checkpoint-dir: {directory} already holds checkpoints; add --resume to continue from them, or use an empty folder"], again.Stderr);

        var further = await CliProcess.RunAsync([.. SmallRun, "--epochs", "2", "--checkpoint-dir", directory, "--resume"]);
        Assert.Equal(0, further.ExitCode);
        Assert.Equal([2, 2], further.Stdout.Select(l => JsonLine.Parse(l).Epoch));      // only epoch 2 trained
        var whole = await CliProcess.RunAsync([.. SmallRun, "--epochs", "2"]);
        Assert.Equal(Deterministic(whole)[1], Deterministic(further)[0]);                // bit-identical to a straight run
    }

    [Fact]
    public async Task Resume_refuses_a_checkpoint_of_another_configuration_in_one_line_naming_what_differs()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"orleans-sweep-other-{Guid.NewGuid():N}");
        Assert.Equal(0, (await CliProcess.RunAsync([.. SmallRun, "--epochs", "1", "--checkpoint-dir", directory])).ExitCode);

        var other = await CliProcess.RunAsync([.. SmallRun, "--epochs", "1", "--checkpoint-dir", directory, "--resume", "--lr", "0.5"]);

        Assert.Equal(2, other.ExitCode);
        var line = Assert.Single(other.Stderr);
        Assert.EndsWith("checkpoint of another configuration (learningRate 0.001, not 0.5); refusing to resume from it", line);
    }

    [Fact]
    public async Task Resume_sets_a_damaged_checkpoint_aside_and_says_so()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"orleans-sweep-damaged-{Guid.NewGuid():N}");
        Assert.Equal(0, (await CliProcess.RunAsync([.. SmallRun, "--epochs", "2", "--checkpoint-dir", directory])).ExitCode);
        var newest = Path.Combine(directory, "epoch-0002.ckpt");
        var bytes = await File.ReadAllBytesAsync(newest);
        bytes[bytes.Length / 2] ^= 0xFF;                               // one flipped byte: the checksum must catch it
        await File.WriteAllBytesAsync(newest, bytes);

        var resumed = await CliProcess.RunAsync([.. SmallRun, "--epochs", "2", "--checkpoint-dir", directory, "--resume"]);

        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains(resumed.Stderr, line => line.StartsWith("warning: set aside a damaged checkpoint") &&
                                                line.Contains("epoch-0002.ckpt") && line.Contains("resuming after epoch 1"));
        Assert.Equal([2, 2], resumed.Stdout.Select(l => JsonLine.Parse(l).Epoch));      // epoch 2 trained again
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Assert.Single(Directory.GetFiles(directory, "epoch-0002.ckpt.*.damaged"))));

        foreach (var file in Directory.GetFiles(directory, "*.ckpt")) await File.WriteAllTextAsync(file, "not a checkpoint");
        var fresh = await CliProcess.RunAsync([.. SmallRun, "--epochs", "2", "--checkpoint-dir", directory, "--resume"]);

        Assert.Equal(0, fresh.ExitCode);
        Assert.Contains(fresh.Stderr, line => line.StartsWith("warning: no usable checkpoint") && line.Contains("starting fresh"));
        Assert.Equal([1, 2, 2], fresh.Stdout.Select(l => JsonLine.Parse(l).Epoch));
    }

    private static string[] Deterministic(CliProcess.Result result) =>
        result.Stdout.Select(line => JsonLine.Parse(line).DeterministicPart()).ToArray();
}
