using OrleansSweep.Training.Data.Formats;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Data;

/// <summary>A cheap presence check of a dataset folder (no reading): what the loader would fail to find.</summary>
public static class DatasetPresence
{
    /// <summary>The files <paramref name="directory"/> lacks for <paramref name="dataset"/>; empty when complete.</summary>
    public static IReadOnlyList<string> Missing(Dataset dataset, string directory) => dataset == Dataset.Cifar10
        ? HasCifar(directory) ? [] : [$"{CifarDataset.BatchFolder}/*.bin or {CifarDataset.ArchiveName}"]
        : IdxDataset.BaseNames
            .Where(name => !File.Exists(Path.Combine(directory, name)) && !File.Exists(Path.Combine(directory, name + ".gz")))
            .Select(name => name + "(.gz)")
            .ToList();

    private static bool HasCifar(string directory) =>
        File.Exists(Path.Combine(directory, CifarDataset.ArchiveName))
        || new[] { Path.Combine(directory, CifarDataset.BatchFolder), directory }.Any(folder =>
            CifarDataset.AllBatches.All(batch => File.Exists(Path.Combine(folder, batch))));
}
