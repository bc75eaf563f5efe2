using OrleansSweep.Training.Data;

namespace OrleansSweep.Grains.Specs;

/// <summary>The spec's view of dataset folders, by dataset name; the training core knows the files.</summary>
public static class DatasetFiles
{
    /// <summary>Where a silo looks when the spec sets neither data.root nor data.dirs.</summary>
    public static string DefaultDirectory(string dataset) => Path.GetFullPath(DataDirectories.Default(KindOf(dataset)));

    /// <summary>The files <paramref name="directory"/> lacks for <paramref name="dataset"/> (empty: complete).</summary>
    public static IReadOnlyList<string> Missing(string dataset, string directory) => DatasetPresence.Missing(KindOf(dataset), directory);

    private static DatasetKind KindOf(string dataset) =>
        DatasetNames.TryParse(dataset, out var kind) ? kind : throw new ArgumentException($"dataset: unknown '{dataset}'");
}
