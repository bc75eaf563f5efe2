using System.Formats.Tar;
using System.IO.Compression;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Data.Formats;

/// <summary>
/// CIFAR-10 from either the extracted <c>cifar-10-batches-bin/</c> folder (also accepted as the directory
/// itself) or, without extracting, straight from <c>cifar-10-binary.tar.gz</c> as distributed.
/// </summary>
internal static class CifarDataset
{
    public const string ArchiveName = "cifar-10-binary.tar.gz";
    public const string BatchFolder = "cifar-10-batches-bin";
    public const string TestBatch = "test_batch.bin";

    public static readonly string[] TrainBatches =
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];

    public static IEnumerable<string> AllBatches => TrainBatches.Append(TestBatch);

    public static (RawSplit Train, RawSplit Test) Read(string directory)
    {
        MissingData.RequireDirectory(directory, Dataset.Cifar10);
        if (FolderToRead(directory) is { } folder)
            return ReadFolder(folder);
        var archive = Path.Combine(directory, ArchiveName);
        if (File.Exists(archive))
            return ReadArchive(archive);
        throw MissingData.File(archive, Dataset.Cifar10, alternative: $"{BatchFolder}/{TestBatch}");
    }

    /// <summary>
    /// The folder of batch files to read in <paramref name="directory"/> (cifar-10-batches-bin/, or the directory
    /// itself), or null to read the archive. One rule for loading and verifying: a folder with all six batches;
    /// else the archive when there is one; else a folder with some batches, so that its real defect (a batch
    /// missing or cut short) is what gets reported rather than a missing archive.
    /// </summary>
    public static string? FolderToRead(string directory)
    {
        string[] folders = [Path.Combine(directory, BatchFolder), directory];
        if (folders.FirstOrDefault(f => AllBatches.All(batch => File.Exists(Path.Combine(f, batch)))) is { } complete)
            return complete;
        if (File.Exists(Path.Combine(directory, ArchiveName)))
            return null;
        return folders.FirstOrDefault(f => AllBatches.Any(batch => File.Exists(Path.Combine(f, batch))));
    }

    public static (RawSplit Train, RawSplit Test) ReadFolder(string folder)
    {
        var train = TrainBatches.Select(name => ReadBatchFile(Path.Combine(folder, name))).ToList();
        return (CifarReader.Concat(train), ReadBatchFile(Path.Combine(folder, TestBatch)));
    }

    public static (RawSplit Train, RawSplit Test) ReadArchive(string archive) => DataFile.Guard(archive, () =>
    {
        var batches = new Dictionary<string, RawSplit>();
        using (var file = DataFile.OpenRead(archive))
        using (var tar = new TarReader(file))
        {
            while (tar.GetNextEntry() is { } entry)
            {
                var name = Path.GetFileName(entry.Name);
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile
                    && (name == TestBatch || TrainBatches.Contains(name)) && entry.DataStream is { } data)
                {
                    batches[name] = CifarReader.ReadBatch(data, entry.Length, archive, $"entry {entry.Name}: ");
                }
            }
        }
        var missing = TrainBatches.Append(TestBatch).FirstOrDefault(n => !batches.ContainsKey(n));
        if (missing is not null)
            throw new DataFormatException(archive, $"missing entry {BatchFolder}/{missing}");
        return (CifarReader.Concat(TrainBatches.Select(n => batches[n]).ToList()), batches[TestBatch]);
    });

    public static RawSplit ReadBatchFile(string path)
    {
        if (!File.Exists(path))
            throw MissingData.File(path, Dataset.Cifar10);
        return DataFile.Guard(path, () =>
        {
            using var stream = DataFile.OpenRead(path);
            return CifarReader.ReadBatch(stream, new FileInfo(path).Length, path);
        });
    }
}
