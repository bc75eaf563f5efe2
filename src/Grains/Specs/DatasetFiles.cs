namespace OrleansSweep.Grains.Specs;

/// <summary>
/// Which files a dataset folder must hold (presence only: the loader verifies formats and checksums) and the
/// default folder when a spec names none. Mirrors Training's DatasetCatalog / DataDirectories.Default.
/// </summary>
public static class DatasetFiles
{
    private static readonly string[] IdxFiles =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    private static readonly string[] CifarBatches =
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"];

    private const string CifarArchive = "cifar-10-binary.tar.gz";
    private const string CifarFolder = "cifar-10-batches-bin";

    /// <summary>Where a silo looks when the spec sets neither data.root nor data.dirs.</summary>
    public static string DefaultDirectory(string dataset) =>
        dataset == "fashion-mnist" && Directory.Exists("/usr/share/datasets/fashion-mnist")
            ? "/usr/share/datasets/fashion-mnist"
            : Path.GetFullPath(Path.Combine("data", dataset));

    /// <summary>The files <paramref name="directory"/> lacks for <paramref name="dataset"/> (empty: complete).</summary>
    public static IReadOnlyList<string> Missing(string dataset, string directory) => dataset switch
    {
        "cifar10" => File.Exists(Path.Combine(directory, CifarArchive)) ? []
            : MissingOf(Path.Combine(directory, CifarFolder), CifarBatches, gz: false) is { Count: 0 } ? []
            : MissingOf(directory, CifarBatches, gz: false) is { Count: 0 } ? []
            : [$"{CifarFolder}/*.bin or {CifarArchive}"],
        _ => MissingOf(directory, IdxFiles, gz: true),
    };

    private static List<string> MissingOf(string directory, IEnumerable<string> files, bool gz) =>
        files.Where(file => !File.Exists(Path.Combine(directory, file))
                && !(gz && File.Exists(Path.Combine(directory, file + ".gz"))))
            .Select(file => gz ? file + "(.gz)" : file)
            .ToList();
}
