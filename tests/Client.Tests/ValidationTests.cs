namespace OrleansSweep.Client.Tests;

/// <summary>Every bad input exits with 2 and exactly one stderr line naming the option or file.</summary>
public sealed class ValidationTests
{
    [Theory]
    [InlineData("--dataset", "--dataset", "imagenet")]
    [InlineData("--arch", "--arch", "deep")]
    [InlineData("--arch", "--arch", "staged:3", "--layers", "4")]
    [InlineData("--arch", "--arch", "staged:0")]
    [InlineData("--layers", "--layers", "0")]
    [InlineData("--layers", "--layers", "four")]
    [InlineData("--filters", "--filters", "0")]
    [InlineData("--filters", "--filters=-3")]
    [InlineData("--kernel", "--kernel", "0")]
    [InlineData("--activation", "--activation", "sigmoid")]
    [InlineData("--batch-norm", "--batch-norm", "maybe")]
    [InlineData("--optimizer", "--optimizer", "rmsprop")]
    [InlineData("--lr", "--lr", "0")]
    [InlineData("--lr", "--lr", "fast")]
    [InlineData("--batch", "--batch", "0")]
    [InlineData("--epochs", "--epochs", "0")]
    [InlineData("--seed", "--seed", "x1")]
    [InlineData("--subset", "--subset", "0")]
    [InlineData("--threads", "--threads", "0")]
    [InlineData("--resume", "--resume")]
    [InlineData("--device", "--device", "tpu")]
    public async Task Train_rejects_bad_option_naming_it(string option, params string[] args)
    {
        var result = await CliProcess.RunAsync(["train", .. args]);

        AssertBadInput(result, $"error: {option}: ");
    }

    [Theory]
    [InlineData("error: --subset: 'abc' is not an integer", "train", "--subset", "abc")]              // int?
    [InlineData("error: --threads: 'x' is not an integer", "train", "--threads=x")]                   // int?, with =
    [InlineData("error: --layers: '99999999999' is not an integer from -2147483648 to 2147483647", "train", "--layers", "99999999999")]
    [InlineData("error: --seed: '1.5' is not an integer", "train", "--seed", "1.5")]                  // long
    [InlineData("error: --lr: 'fast' is not a number", "train", "--lr", "fast")]                      // double
    [InlineData("error: --slots: 'two' is not an integer", "run", "smoke", "--slots", "two")]         // int, another command
    [InlineData("error: --resume: is a switch and takes no value", "train", "--resume=yes")]          // bool
    public async Task A_value_of_the_wrong_type_names_the_option_and_the_type(string expected, params string[] args)
    {
        var result = await CliProcess.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, Assert.Single(result.Stderr));
    }

    [Fact]
    public async Task Unknown_option_is_one_line_naming_it()
    {
        var result = await CliProcess.RunAsync("train", "--bogus", "1");

        AssertBadInput(result, "error: --bogus: unknown option");
    }

    [Fact]
    public async Task Option_without_value_is_one_line_naming_it()
    {
        var result = await CliProcess.RunAsync("train", "--layers");

        AssertBadInput(result, "error: --layers: needs a value");
    }

    [Theory]
    [InlineData("--dataset", "train", "--dataset")]
    [InlineData("--arch", "train", "--arch")]
    [InlineData("--checkpoint-dir", "train", "--checkpoint-dir")]
    public async Task Trailing_option_without_value_is_named(string option, params string[] args)
    {
        var result = await CliProcess.RunAsync(args);

        AssertBadInput(result, $"error: {option}: needs a value");
    }

    [Fact]
    public async Task Unknown_command_is_one_line()
    {
        var result = await CliProcess.RunAsync("trian");

        AssertBadInput(result, "error: trian: unknown command");
    }

    [Fact]
    public async Task Subset_larger_than_the_training_split_names_subset()
    {
        var result = await CliProcess.RunAsync("train", "--data-dir", CliProcess.FashionMnist, "--subset", "60001");

        AssertBadInput(result, "error: --subset: ");
        Assert.Contains("60000", result.Stderr[0]);
    }

    [Fact]
    public async Task Missing_data_names_the_file()
    {
        var empty = Directory.CreateTempSubdirectory("orleans-sweep-nodata-").FullName;

        var result = await CliProcess.RunAsync("train", "--data-dir", empty, "--epochs", "1");

        AssertBadInput(result, $"error: {empty}/");
    }

    [Fact]
    public async Task Checkpoint_dir_that_is_a_file_is_rejected()
    {
        var file = Path.GetTempFileName();

        var result = await CliProcess.RunAsync("train", "--checkpoint-dir", file, "--subset", "10");

        AssertBadInput(result, $"error: --checkpoint-dir: {file}");
    }

    [Fact]
    public async Task Help_lists_examples_and_exits_0()
    {
        var result = await CliProcess.RunAsync("train", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.Stdout, line => line.Contains("EXAMPLES"));
        Assert.Contains(result.Stdout, line => line.Contains("--checkpoint-dir"));
    }

    private static void AssertBadInput(CliProcess.Result result, string expectedStart)
    {
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr);
        Assert.StartsWith(expectedStart, line);
        Assert.Empty(result.Stdout);
    }
}
