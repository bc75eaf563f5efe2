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
    public async Task Resume_with_an_empty_checkpoint_dir_starts_fresh_with_a_note()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"orleans-sweep-empty-{Guid.NewGuid():N}");

        var result = await CliProcess.RunAsync([.. SmallRun, "--epochs", "1", "--checkpoint-dir", directory, "--resume"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.Stderr, line => line.StartsWith("note: ") && line.Contains("starting fresh"));
        Assert.Equal(1, JsonLine.Parse(result.Stdout[0]).Epoch);
        Assert.Single(Directory.GetFiles(directory, "*.ckpt"));
    }

    [Fact]
    public async Task Resume_passes_over_a_damaged_checkpoint_and_says_so()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"orleans-sweep-damaged-{Guid.NewGuid():N}");
        Assert.Equal(0, (await CliProcess.RunAsync([.. SmallRun, "--epochs", "2", "--checkpoint-dir", directory])).ExitCode);
        var newest = Path.Combine(directory, "epoch-0002.ckpt");
        var bytes = await File.ReadAllBytesAsync(newest);
        bytes[bytes.Length / 2] ^= 0xFF;                               // one flipped byte: the checksum must catch it
        await File.WriteAllBytesAsync(newest, bytes);

        var resumed = await CliProcess.RunAsync([.. SmallRun, "--epochs", "2", "--checkpoint-dir", directory, "--resume"]);

        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains(resumed.Stderr, line => line.StartsWith("warning: skipped a damaged checkpoint") &&
                                                line.Contains("epoch-0002.ckpt") && line.Contains("resuming after epoch 1"));
        Assert.Equal([2, 2], resumed.Stdout.Select(l => JsonLine.Parse(l).Epoch));      // epoch 2 trained again

        foreach (var file in Directory.GetFiles(directory, "*.ckpt")) await File.WriteAllTextAsync(file, "not a checkpoint");
        var fresh = await CliProcess.RunAsync([.. SmallRun, "--epochs", "2", "--checkpoint-dir", directory, "--resume"]);

        Assert.Equal(0, fresh.ExitCode);
        Assert.Contains(fresh.Stderr, line => line.StartsWith("warning: no usable checkpoint") && line.Contains("starting fresh"));
        Assert.Equal([1, 2, 2], fresh.Stdout.Select(l => JsonLine.Parse(l).Epoch));
    }

    private static string[] Deterministic(CliProcess.Result result) =>
        result.Stdout.Select(line => JsonLine.Parse(line).DeterministicPart()).ToArray();
}
