namespace OrleansSweep.Client.Tests;

/// <summary>
/// Every option naming a folder or file a command writes: a place that cannot be written is bad input (exit 2,
/// one line naming the option), found before anything starts, and nothing is created. /proc stands for an
/// unwritable folder: even root cannot create files there.
/// </summary>
public sealed class PathOptionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("orleans-sweep-paths-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("--checkpoint-dir", "train", "--subset", "10")]
    [InlineData("--state-dir", "run", "smoke")]
    [InlineData("--out", "report", "smoke")]
    [InlineData("--data-dir", "data", "fetch")]
    public async Task A_folder_that_cannot_be_created_is_named(string option, params string[] args)
    {
        var result = await CliProcess.RunAsync([.. args, option, "/proc/orleans-sweep/x", .. StateDirFor(args[0])]);

        AssertBadInput(result, $"error: {option}: cannot create /proc/orleans-sweep/x: /proc is not writable");
    }

    [Fact]
    public async Task A_file_that_cannot_be_written_is_named()
    {
        var result = await CliProcess.RunAsync(["results", "smoke", "--out", "/proc/results.csv", .. StateDirFor("results")]);

        AssertBadInput(result, "error: --out: cannot write /proc/results.csv: /proc is not writable");
    }

    [Theory]
    [InlineData("--checkpoint-dir", "train", "--subset", "10")]
    [InlineData("--state-dir", "run", "smoke")]
    [InlineData("--out", "report", "smoke")]
    [InlineData("--data-dir", "data", "fetch")]
    public async Task A_file_in_the_way_of_a_folder_is_named_and_nothing_is_created(string option, params string[] args)
    {
        var file = Path.Combine(_dir, "file");
        File.WriteAllText(file, "");
        var folder = Path.Combine(file, "sub");

        var result = await CliProcess.RunAsync([.. args, option, folder, .. StateDirFor(args[0])]);

        AssertBadInput(result, $"error: {option}: cannot create {folder}: {file} is a file");
        Assert.Equal([file], Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public async Task Train_with_bad_data_does_not_create_its_checkpoint_folder()
    {
        var checkpoints = Path.Combine(_dir, "ckpt-typo");

        var result = await CliProcess.RunAsync("train", "--data-dir", _dir, "--checkpoint-dir", checkpoints, "--epochs", "1");

        AssertBadInput(result, $"error: {_dir}/");
        Assert.False(Directory.Exists(checkpoints), "a failed command must not create the folder it was given");
    }

    /// <summary>Sweep commands read an embedded folder unless told otherwise: point them at one that does not exist.</summary>
    private string[] StateDirFor(string command) =>
        command is "report" or "results" ? ["--state-dir", Path.Combine(_dir, "no-state")] : [];

    private static void AssertBadInput(CliProcess.Result result, string expectedStart)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(expectedStart, Assert.Single(result.Stderr));
        Assert.Empty(result.Stdout);
    }
}
