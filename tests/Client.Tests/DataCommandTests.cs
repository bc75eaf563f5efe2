namespace OrleansSweep.Client.Tests;

/// <summary>`data verify` and `data fetch` on real Fashion-MNIST files and a real local HTTP mirror.</summary>
public sealed class DataCommandTests
{
    [Fact]
    public async Task Verify_accepts_the_system_fashion_mnist_and_strict_rejects_its_recompression()
    {
        var lenient = await CliProcess.RunAsync("data", "verify", "--data-dir", CliProcess.FashionMnist);
        var strict = await CliProcess.RunAsync("data", "verify", "--data-dir", CliProcess.FashionMnist, "--strict");

        Assert.Equal(0, lenient.ExitCode);
        Assert.Empty(lenient.Stderr);
        Assert.Equal(4, lenient.Stdout.Count(line => line.Contains("ok, sha256 differs")));
        Assert.Equal(2, strict.ExitCode);
        Assert.Equal(4, strict.Stdout.Count(line => line.Contains("defect: sha256 differs")));
        Assert.Equal(4, strict.Stderr.Count);
        Assert.All(strict.Stderr, line => Assert.Matches(@"^error: /usr/share/datasets/fashion-mnist/\S+\.gz: well-formed .* differs from the published ", line));
    }

    /// <summary>The same defect train reports (exit 2, one line naming the file), plus the table.</summary>
    [Fact]
    public async Task Verify_reports_a_truncated_file_as_train_does()
    {
        var folder = CopyOfFashionMnist();
        var labels = Path.Combine(folder, "t10k-labels-idx1-ubyte.gz");
        File.WriteAllBytes(labels, File.ReadAllBytes(labels)[..2000]);

        var result = await CliProcess.RunAsync("data", "verify", "--data-dir", folder);
        var train = await CliProcess.RunAsync("train", "--data-dir", folder, "--epochs", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stdout, line => line.Contains("defect: corrupt"));
        Assert.Equal(3, result.Stdout.Count(line => line.Contains("ok, sha256 differs")));
        Assert.Equal(2, train.ExitCode);
        Assert.Equal(Assert.Single(train.Stderr), Assert.Single(result.Stderr));
        Assert.StartsWith($"error: {labels}: ", result.Stderr[0]);
    }

    [Fact]
    public async Task Verify_reports_missing_files()
    {
        var empty = Directory.CreateTempSubdirectory("orleans-sweep-verify-").FullName;

        var result = await CliProcess.RunAsync("data", "verify", "--dataset", "mnist", "--data-dir", empty);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(4, result.Stdout.Count(line => line.Contains("defect: missing")));
        Assert.Equal(4, result.Stderr.Count(line => line.StartsWith($"error: {empty}/") && line.Contains("file not found")));
    }

    /// <summary>An interrupted extraction: batches 1-5 there, one cut short, no test batch and no archive.</summary>
    [Fact]
    public async Task Verify_reports_a_short_cifar_batch_not_a_missing_archive()
    {
        var folder = Path.Combine(Directory.CreateTempSubdirectory("orleans-sweep-cifar-").FullName, "cifar-10-batches-bin");
        Directory.CreateDirectory(folder);
        var record = new byte[1 + 3 * 32 * 32];
        for (var b = 1; b <= 5; b++)
            File.WriteAllBytes(Path.Combine(folder, $"data_batch_{b}.bin"), [.. record, .. record]);
        File.WriteAllBytes(Path.Combine(folder, "data_batch_4.bin"), record[..1000]);

        var result = await CliProcess.RunAsync("data", "verify", "--dataset", "cifar10", "--data-dir", Path.GetDirectoryName(folder)!);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
        [
            $"error: {folder}/data_batch_4.bin: wrong size: 1000 bytes is not a whole number of 3073-byte records",
            $"error: {folder}/test_batch.bin: file not found; get it with `orleans-sweep data fetch --dataset cifar10`",
        ], result.Stderr);
    }

    [Fact]
    public async Task Fetch_rejects_a_mirror_whose_bytes_do_not_match_the_published_sha256()
    {
        using var mirror = new LocalHttpServer(CliProcess.FashionMnist);   // Debian's re-gzipped copies
        var target = Path.Combine(Path.GetTempPath(), $"orleans-sweep-fetch-{Guid.NewGuid():N}");

        var result = await CliProcess.RunAsync("data", "fetch", "--data-dir", target, "--mirror", mirror.Url);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr);
        Assert.StartsWith($"error: {target}/train-images-idx3-ubyte.gz: ", line);
        Assert.Contains("sha256 mismatch", line);
        Assert.Empty(Directory.GetFiles(target));   // nothing half-written left behind
    }

    [Fact]
    public async Task Fetch_reports_a_mirror_without_the_file()
    {
        using var mirror = new LocalHttpServer(Directory.CreateTempSubdirectory("orleans-sweep-empty-mirror-").FullName);
        var target = Path.Combine(Path.GetTempPath(), $"orleans-sweep-fetch-{Guid.NewGuid():N}");

        var result = await CliProcess.RunAsync("data", "fetch", "--dataset", "mnist", "--data-dir", target, "--mirror", mirror.Url);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("HTTP 404", Assert.Single(result.Stderr));
    }

    [Theory]
    [InlineData("--mirror", "data", "fetch", "--mirror", "ftp://example.org/")]
    [InlineData("--mirror", "data", "fetch", "--mirror")]
    [InlineData("--dataset", "data", "fetch", "--dataset")]
    [InlineData("--dataset", "data", "verify", "--dataset", "svhn")]
    public async Task Data_commands_reject_bad_options_naming_them(string option, params string[] args)
    {
        var result = await CliProcess.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: {option}: ", Assert.Single(result.Stderr));
    }

    private static string CopyOfFashionMnist()
    {
        var folder = Directory.CreateTempSubdirectory("orleans-sweep-fmnist-").FullName;
        foreach (var file in Directory.GetFiles(CliProcess.FashionMnist))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        return folder;
    }
}
