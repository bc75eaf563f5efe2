using OrleansSweep.Training.Data;
using OrleansSweep.Training.Tests.Data.Fixtures;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Tests.Data;

public sealed class VerifierTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private DatasetVerifier VerifierForWrittenFiles() =>
        new(TestCatalog.For(Dataset.Mnist, _dir.Path, SyntheticMnist.FileNames));

    [Fact]
    public void Intact_files_with_matching_checksums_are_ok()
    {
        SyntheticMnist.Write(_dir.Path, train: 30, test: 10);

        var checks = VerifierForWrittenFiles().Verify(Dataset.Mnist, _dir.Path);

        Assert.Equal(SyntheticMnist.FileNames.Select(_dir.File), checks.Select(c => c.Path));
        Assert.All(checks, c => Assert.True(c.IsOk, c.ToString()));
        Assert.StartsWith("30 images of 6x5, sha256 ", checks[0].Detail);
    }

    [Fact]
    public void Reports_each_defect_per_file()
    {
        var data = SyntheticMnist.Write(_dir.Path, train: 30, test: 10);
        var verifier = VerifierForWrittenFiles();   // hashes of the intact files
        IdxWriter.WriteImages(_dir.File("train-images-idx3-ubyte.gz"), data.Train.Pixels, 30, 6, 5, magic: 0x801);
        IdxWriter.WriteLabels(_dir.File("t10k-labels-idx1-ubyte.gz"), data.Test.Labels[..9]);
        File.Delete(_dir.File("train-labels-idx1-ubyte.gz"));

        var checks = verifier.Verify(Dataset.Mnist, _dir.Path);

        Assert.Equal(
        [
            (FileCheckStatus.Corrupt, "bad magic 0x00000801, expected 0x00000803"),
            (FileCheckStatus.Missing, "file not found (nor train-labels-idx1-ubyte); get it with `orleans-sweep data fetch --dataset mnist`"),
            (FileCheckStatus.Ok, null),
            (FileCheckStatus.Corrupt, "count mismatch: 9 labels, but t10k-images-idx3-ubyte has 10 images"),
        ], checks.Select(c => (c.Status, c.IsOk ? null : c.Detail)));
    }

    [Fact]
    public void Well_formed_file_with_another_hash_is_a_checksum_mismatch()
    {
        SyntheticMnist.Write(_dir.Path, train: 30, test: 10);
        var verifier = VerifierForWrittenFiles();
        SyntheticMnist.Write(_dir.Path, train: 30, test: 10, salt: 9);   // same shapes, other pixels

        var check = verifier.Verify(Dataset.Mnist, _dir.Path)[0];

        Assert.Equal(FileCheckStatus.ChecksumMismatch, check.Status);
        Assert.Matches("^well-formed \\(30 images of 6x5\\), but sha256 [0-9a-f]{64} differs from the published [0-9a-f]{64}$", check.Detail);
    }

    [Fact]
    public void Without_a_published_checksum_it_says_so_instead_of_passing()
    {
        SyntheticMnist.Write(_dir.Path, train: 30, test: 10);
        var catalog = TestCatalog.For(Dataset.Mnist, _dir.Path, SyntheticMnist.FileNames);
        catalog = catalog.With(catalog[Dataset.Mnist] with
        {
            Files = [.. catalog[Dataset.Mnist].Files.Select(f => f with { Sha256 = null })],
        });

        var checks = new DatasetVerifier(catalog).Verify(Dataset.Mnist, _dir.Path);

        Assert.All(checks, c => Assert.Equal(FileCheckStatus.NoPublishedChecksum, c.Status));
        Assert.Equal("well-formed (10 labels), but there is no published checksum for this file", checks[3].Detail);
    }

    [Fact]
    public void Uncompressed_copies_have_no_published_checksum()
    {
        SyntheticMnist.Write(_dir.Path, train: 30, test: 10, gzip: false);

        var checks = new DatasetVerifier().Verify(Dataset.Mnist, _dir.Path);

        Assert.All(checks, c => Assert.Equal(FileCheckStatus.NoPublishedChecksum, c.Status));
        Assert.Equal(_dir.File("train-images-idx3-ubyte"), checks[0].Path);
    }

    [Fact]
    public void Cifar_archive_is_checked_whole()
    {
        var (train, test) = CifarWriter.Create();
        var archive = _dir.File("cifar-10-binary.tar.gz");
        CifarWriter.WriteArchive(archive, CifarWriter.Batches(train, test));
        var catalog = TestCatalog.For(Dataset.Cifar10, _dir.Path, ["cifar-10-binary.tar.gz"]);

        var ok = Assert.Single(new DatasetVerifier(catalog).Verify(Dataset.Cifar10, _dir.Path));
        var official = Assert.Single(new DatasetVerifier().Verify(Dataset.Cifar10, _dir.Path));

        Assert.Equal(FileCheckStatus.Ok, ok.Status);
        Assert.StartsWith("20 training and 6 test images, sha256 ", ok.Detail);
        Assert.Equal(FileCheckStatus.ChecksumMismatch, official.Status);
    }

    [Fact]
    public void Extracted_cifar_batches_are_checked_one_by_one()
    {
        var (train, test) = CifarWriter.Create();
        var batches = CifarWriter.Batches(train, test);
        batches["data_batch_2.bin"] = batches["data_batch_2.bin"][..100];
        CifarWriter.WriteFolder(_dir.File("cifar-10-batches-bin"), batches);

        var checks = new DatasetVerifier().Verify(Dataset.Cifar10, _dir.Path);

        Assert.Equal(6, checks.Count);
        Assert.Equal(FileCheckStatus.Corrupt, checks[1].Status);
        Assert.Equal("wrong size: 100 bytes is not a whole number of 3073-byte records", checks[1].Detail);
        Assert.All(checks.Where((_, i) => i != 1), c => Assert.Equal(FileCheckStatus.NoPublishedChecksum, c.Status));
    }

    [Fact]
    public void A_partly_extracted_cifar_folder_is_checked_batch_by_batch()
    {
        var (train, test) = CifarWriter.Create();
        var batches = CifarWriter.Batches(train, test);
        batches.Remove("test_batch.bin");
        batches["data_batch_4.bin"] = batches["data_batch_4.bin"][..1000];
        var folder = _dir.File("cifar-10-batches-bin");
        CifarWriter.WriteFolder(folder, batches);

        var checks = new DatasetVerifier().Verify(Dataset.Cifar10, _dir.Path);
        var load = Assert.Throws<DataFormatException>(() => DatasetLoader.Load(Dataset.Cifar10, _dir.Path));

        Assert.Equal(
            [FileCheckStatus.NoPublishedChecksum, FileCheckStatus.NoPublishedChecksum, FileCheckStatus.NoPublishedChecksum,
             FileCheckStatus.Corrupt, FileCheckStatus.NoPublishedChecksum, FileCheckStatus.Missing],
            checks.Select(c => c.Status));
        Assert.Equal(Path.Combine(folder, "data_batch_4.bin"), checks[3].Path);
        Assert.Equal(Path.Combine(folder, "test_batch.bin"), checks[5].Path);
        Assert.Equal((checks[3].Path, checks[3].Detail), (load.FilePath, load.Defect));   // what train says too
    }

    [Fact]
    public void The_archive_is_checked_when_the_folder_beside_it_is_incomplete()
    {
        var (train, test) = CifarWriter.Create();
        var batches = CifarWriter.Batches(train, test);
        CifarWriter.WriteArchive(_dir.File("cifar-10-binary.tar.gz"), batches);
        CifarWriter.WriteFolder(_dir.File("cifar-10-batches-bin"), new() { ["data_batch_1.bin"] = batches["data_batch_1.bin"] });

        var check = Assert.Single(new DatasetVerifier().Verify(Dataset.Cifar10, _dir.Path));
        using var data = DatasetLoader.Load(Dataset.Cifar10, _dir.Path);

        Assert.Equal(_dir.File("cifar-10-binary.tar.gz"), check.Path);
        Assert.Equal(20, data.Train.Count);
    }

    [Fact]
    public void Missing_cifar_names_the_archive()
    {
        var check = Assert.Single(new DatasetVerifier().Verify(Dataset.Cifar10, _dir.Path));

        Assert.Equal((_dir.File("cifar-10-binary.tar.gz"), FileCheckStatus.Missing), (check.Path, check.Status));
        Assert.Contains("orleans-sweep data fetch --dataset cifar10", check.Detail);
    }
}
