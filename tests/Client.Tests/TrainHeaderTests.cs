namespace OrleansSweep.Client.Tests;

/// <summary>What `train` states before its first epoch, checked against what it was asked for.</summary>
public sealed class TrainHeaderTests
{
    [Theory]
    [InlineData("1", "on cpu (1 thread)")]
    [InlineData("3", "on cpu (3 threads)")]   // more than this machine's cores: said as asked, not the default
    public async Task The_header_states_the_threads_training_uses(string threads, string expected)
    {
        var result = await CliProcess.RunAsync("train", "--data-dir", CliProcess.FashionMnist, "--subset", "100",
            "--layers", "1", "--filters", "4", "--epochs", "1", "--device", "cpu", "--threads", threads);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.Stdout, line => line.Contains(expected, StringComparison.Ordinal));
    }
}
