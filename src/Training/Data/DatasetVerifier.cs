using OrleansSweep.Training.Data.Formats;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Data;

/// <summary>
/// Checks every file of a dataset directory: present, gzip intact, magic and sizes right, image and label counts
/// agreeing, labels in range, and SHA-256 equal to the published value when one is known. Never throws for a bad
/// file: each gets a <see cref="FileCheck"/>.
/// </summary>
public sealed class DatasetVerifier(DatasetCatalog? catalog = null)
{
    private readonly DatasetCatalog _catalog = catalog ?? DatasetCatalog.Official;

    public IReadOnlyList<FileCheck> Verify(Dataset dataset, string directory) => dataset == Dataset.Cifar10
        ? VerifyCifar(directory)
        : VerifyIdx(dataset, directory);

    private List<FileCheck> VerifyIdx(Dataset dataset, string directory)
    {
        var checks = new List<FileCheck>();
        var counts = new Dictionary<string, int>();
        foreach (var baseName in IdxDataset.BaseNames)
        {
            var published = Published(dataset, baseName + ".gz");
            string path;
            try
            {
                path = IdxDataset.Locate(directory, baseName, dataset);
            }
            catch (DataFormatException e)
            {
                checks.Add(new FileCheck(e.FilePath, FileCheckStatus.Missing, e.Defect));
                continue;
            }
            checks.Add(Check(path, DataFile.IsGzip(path) ? published : null, () =>
            {
                if (baseName.Contains("-images-"))
                {
                    var images = IdxReader.ReadImages(path);
                    counts[baseName] = images.Pixels.Length / images.ImageBytes;
                    return $"{counts[baseName]} images of {images.Height}x{images.Width}";
                }
                counts[baseName] = IdxReader.ReadLabels(path, dataset.Classes).Length;
                return $"{counts[baseName]} labels";
            }));
        }
        return [.. checks.Select(c => WithCountCheck(c, counts))];
    }

    // A labels file whose count disagrees with its images file is corrupt even if each is well-formed alone.
    private static FileCheck WithCountCheck(FileCheck check, Dictionary<string, int> counts)
    {
        var name = Path.GetFileName(check.Path).Replace(".gz", "");
        var imagesName = name.Replace("-labels-idx1-", "-images-idx3-");
        if (check.Status == FileCheckStatus.Corrupt || name == imagesName
            || !counts.TryGetValue(name, out var labels) || !counts.TryGetValue(imagesName, out var images) || labels == images)
            return check;
        return check with { Status = FileCheckStatus.Corrupt, Detail = $"count mismatch: {labels} labels, but {imagesName} has {images} images" };
    }

    // What the loader reads (CifarDataset.FolderToRead), so a verified folder is one training can use.
    private List<FileCheck> VerifyCifar(string directory)
    {
        var archive = Path.Combine(directory, CifarDataset.ArchiveName);
        var folder = CifarDataset.FolderToRead(directory);
        if (folder is null && File.Exists(archive))
        {
            return [Check(archive, Published(Dataset.Cifar10, CifarDataset.ArchiveName), () =>
            {
                var (train, test) = CifarDataset.ReadArchive(archive);
                return $"{train.Count} training and {test.Count} test images";
            })];
        }
        if (folder is null)
            return [new FileCheck(archive, FileCheckStatus.Missing, MissingData.File(archive, Dataset.Cifar10).Defect)];
        return [.. CifarDataset.AllBatches.Select(name => Path.Combine(folder, name))
            .Select(path => File.Exists(path)
                ? Check(path, null, () => $"{CifarDataset.ReadBatchFile(path).Count} images")
                : new FileCheck(path, FileCheckStatus.Missing, MissingData.File(path, Dataset.Cifar10).Defect))];
    }

    private DatasetFile? Published(Dataset dataset, string name) =>
        _catalog[dataset].Files.FirstOrDefault(f => f.Name == name);

    /// <param name="published">The catalog's entry for exactly this file, or null (e.g. an uncompressed copy).</param>
    /// <param name="readStructure">Reads the whole file, throwing <see cref="DataFormatException"/> on a defect.</param>
    private static FileCheck Check(string path, DatasetFile? published, Func<string> readStructure)
    {
        string summary;
        try
        {
            summary = readStructure();
        }
        catch (DataFormatException e)
        {
            return new FileCheck(path, FileCheckStatus.Corrupt, e.Defect);
        }
        if (published?.Sha256 is not { } expected)
            return new FileCheck(path, FileCheckStatus.NoPublishedChecksum, $"well-formed ({summary}), but there is no published checksum for this file");
        var actual = FileHash.Sha256(path);
        return FileHash.Matches(actual, expected)
            ? new FileCheck(path, FileCheckStatus.Ok, $"{summary}, sha256 {actual}")
            : new FileCheck(path, FileCheckStatus.ChecksumMismatch, $"well-formed ({summary}), but sha256 {actual} differs from the published {expected}");
    }
}
