using OrleansSweep.Training.Data;
using OrleansSweep.Training.Tests.Data.Fixtures;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Tests.Data;

/// <summary>Each defect is a one-line DataFormatException "&lt;path&gt;: &lt;defect&gt;" naming the bad file.</summary>
public sealed class CorruptFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private DataFormatException LoadFails(Dataset? dataset = null, string? dir = null)
    {
        var e = Assert.Throws<DataFormatException>(() => DatasetLoader.Load(dataset ?? Dataset.Mnist, dir ?? _dir.Path).Dispose());
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal($"{e.FilePath}: {e.Defect}", e.Message);
        return e;
    }

    [Fact]
    public void Bad_magic_names_the_file_and_both_magics()
    {
        var data = SyntheticMnist.Write(_dir.Path);
        var path = _dir.File("train-images-idx3-ubyte.gz");
        IdxWriter.WriteImages(path, data.Train.Pixels, 60, 6, 5, magic: 0);

        Assert.Equal($"{path}: bad magic 0x00000000, expected 0x00000803", LoadFails().Message);
    }

    [Fact]
    public void Label_file_with_the_images_magic_is_rejected()
    {
        var data = SyntheticMnist.Write(_dir.Path);
        var path = _dir.File("t10k-labels-idx1-ubyte.gz");
        IdxWriter.WriteLabels(path, data.Test.Labels, magic: 0x803);

        Assert.Equal($"{path}: bad magic 0x00000803, expected 0x00000801", LoadFails().Message);
    }

    [Fact]
    public void Truncated_raw_file_is_a_wrong_size()
    {
        SyntheticMnist.Write(_dir.Path, gzip: false);
        var path = _dir.File("t10k-images-idx3-ubyte");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^7]);

        Assert.Equal($"{path}: wrong size: {bytes.Length - 7} bytes, but the header implies {bytes.Length} bytes (20 images of 6x5)", LoadFails().Message);
    }

    [Fact]
    public void Gzip_holding_too_few_images_is_truncated()
    {
        var data = SyntheticMnist.Write(_dir.Path);
        var path = _dir.File("train-images-idx3-ubyte.gz");
        IdxWriter.WriteImages(path, data.Train.Pixels[..^30], 60, 6, 5);   // header says 60, one image short

        Assert.Equal($"{path}: truncated: expected 1800 bytes of 60 images of 6x5, found 1770", LoadFails().Message);
    }

    [Fact]
    public void Absurd_count_in_a_gzip_header_is_rejected_before_allocating()
    {
        var data = SyntheticMnist.Write(_dir.Path);
        var path = _dir.File("train-images-idx3-ubyte.gz");
        IdxWriter.WriteImages(path, data.Train.Pixels, 2_000_000, 28, 28);
        var length = new FileInfo(path).Length;

        Assert.Equal($"{path}: wrong size: the header implies 1568000016 bytes (2000000 images of 28x28), more than a {length}-byte gzip file can hold",
            LoadFails().Message);
    }

    [Fact]
    public void Cut_off_gzip_stream_is_reported_against_that_file()
    {
        SyntheticMnist.Write(_dir.Path);
        var path = _dir.File("train-images-idx3-ubyte.gz");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var e = LoadFails();
        Assert.Equal(path, e.FilePath);
        Assert.Matches(@"^(truncated: expected 1800 bytes of 60 images of 6x5, found \d+|bad gzip: .+)$", e.Defect);
    }

    [Fact]
    public void Garbage_in_a_gz_file_is_bad_gzip()
    {
        SyntheticMnist.Write(_dir.Path);
        var path = _dir.File("train-labels-idx1-ubyte.gz");
        File.WriteAllBytes(path, [0x50, 0x4b, 3, 4, 0, 0, 0, 0]);

        Assert.Equal($"{path}: bad gzip: not a gzip file (starts with 0x504B)", LoadFails().Message);
    }

    [Fact]
    public void Corrupt_deflate_data_is_bad_gzip()
    {
        SyntheticMnist.Write(_dir.Path);
        var path = _dir.File("train-images-idx3-ubyte.gz");
        var bytes = File.ReadAllBytes(path);
        for (var i = 10; i < bytes.Length - 8; i++)
            bytes[i] ^= 0x5a;
        File.WriteAllBytes(path, bytes);

        var e = LoadFails();
        Assert.Equal(path, e.FilePath);
        Assert.StartsWith("bad gzip: ", e.Defect);
    }

    [Fact]
    public void Count_mismatch_between_images_and_labels_names_the_labels_file()
    {
        var data = SyntheticMnist.Write(_dir.Path);
        var path = _dir.File("train-labels-idx1-ubyte.gz");
        IdxWriter.WriteLabels(path, data.Train.Labels[..59]);

        Assert.Equal($"{path}: count mismatch: 59 labels, but train-images-idx3-ubyte.gz has 60 images", LoadFails().Message);
    }

    [Fact]
    public void Label_out_of_range_names_value_and_index()
    {
        var data = SyntheticMnist.Write(_dir.Path);
        var path = _dir.File("t10k-labels-idx1-ubyte.gz");
        var labels = data.Test.Labels.ToArray();
        labels[3] = 10;
        IdxWriter.WriteLabels(path, labels);

        Assert.Equal($"{path}: label 10 at index 3 is out of range 0..9", LoadFails().Message);
    }

    [Fact]
    public void Missing_file_says_how_to_get_the_dataset()
    {
        SyntheticMnist.Write(_dir.Path);
        File.Delete(_dir.File("t10k-labels-idx1-ubyte.gz"));

        Assert.Equal($"{_dir.File("t10k-labels-idx1-ubyte.gz")}: file not found (nor t10k-labels-idx1-ubyte); "
            + "get it with `orleans-sweep data fetch --dataset mnist`", LoadFails().Message);
    }

    [Fact]
    public void Missing_directory_says_how_to_get_the_dataset()
    {
        var missing = _dir.File("nowhere");

        Assert.Equal($"{missing}: dataset directory not found; get it with `orleans-sweep data fetch --dataset cifar10`",
            LoadFails(Dataset.Cifar10, missing).Message);
    }

    [Fact]
    public void Cifar_batch_of_the_wrong_size()
    {
        var (train, test) = CifarWriter.Create();
        var batches = CifarWriter.Batches(train, test);
        batches["data_batch_3.bin"] = batches["data_batch_3.bin"][..^1];
        CifarWriter.WriteFolder(_dir.File("cifar-10-batches-bin"), batches);
        var path = Path.Combine(_dir.File("cifar-10-batches-bin"), "data_batch_3.bin");

        Assert.Equal($"{path}: wrong size: 12291 bytes is not a whole number of 3073-byte records",
            LoadFails(Dataset.Cifar10).Message);
    }

    [Fact]
    public void Cifar_label_out_of_range_inside_the_archive_names_archive_and_entry()
    {
        var (train, test) = CifarWriter.Create();
        var batches = CifarWriter.Batches(train, test);
        batches["test_batch.bin"][3073 * 2] = 200;
        var archive = _dir.File("cifar-10-binary.tar.gz");
        CifarWriter.WriteArchive(archive, batches);

        Assert.Equal($"{archive}: entry cifar-10-batches-bin/test_batch.bin: label 200 at index 2 is out of range 0..9",
            LoadFails(Dataset.Cifar10).Message);
    }

    [Fact]
    public void Cifar_archive_without_a_batch()
    {
        var (train, test) = CifarWriter.Create();
        var batches = CifarWriter.Batches(train, test);
        batches.Remove("data_batch_4.bin");
        var archive = _dir.File("cifar-10-binary.tar.gz");
        CifarWriter.WriteArchive(archive, batches);

        Assert.Equal($"{archive}: missing entry cifar-10-batches-bin/data_batch_4.bin", LoadFails(Dataset.Cifar10).Message);
    }

    [Fact]
    public void Cifar_archive_cut_short()
    {
        var (train, test) = CifarWriter.Create();
        var archive = _dir.File("cifar-10-binary.tar.gz");
        CifarWriter.WriteArchive(archive, CifarWriter.Batches(train, test));
        var bytes = File.ReadAllBytes(archive);
        File.WriteAllBytes(archive, bytes[..(bytes.Length * 2 / 3)]);

        var e = LoadFails(Dataset.Cifar10);
        Assert.Equal(archive, e.FilePath);
        Assert.Matches(@"^(entry cifar-10-batches-bin/\w+\.bin: truncated: record \d+ of 4 is incomplete|truncated: .+|bad gzip: .+)$", e.Defect);
    }
}
