using OrleansSweep.Training.Data;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Grains.Specs;

/// <summary>A check of a parsed spec against the outside world, pluggable so unit tests and <c>plan</c> can skip it or
/// report it differently.</summary>
public interface ISweepSpecCheck
{
    IEnumerable<(string Path, string Reason)> Check(SweepSpec spec);
}

/// <summary>Every dataset in the spec has its files where the spec (or the silo's default folder) says.</summary>
public sealed class DataFilesCheck(Func<Dataset, string> defaultDirectory) : ISweepSpecCheck
{
    /// <summary>Looks where a silo looks when the spec sets neither data.root nor data.dirs.</summary>
    public static DataFilesCheck Default { get; } = new(dataset => Path.GetFullPath(DataDirectories.Default(dataset)));

    public IEnumerable<(string Path, string Reason)> Check(SweepSpec spec)
    {
        for (var i = 0; i < spec.Factors.Dataset.Length; i++)
        {
            var dataset = spec.Factors.Dataset[i];
            var directory = spec.Data.DirectoryFor(dataset) ?? defaultDirectory(dataset);
            var missing = DatasetPresence.Missing(dataset, directory);
            if (missing.Count == 0)
                continue;
            var path = spec.Data.Dirs.ContainsKey(dataset.Name) ? $"data.dirs.{dataset}"
                : spec.Data.Root is not null ? "data.root"
                : $"factors.dataset[{i}]";
            yield return (path, $"{dataset} files missing in {directory}: {string.Join(", ", missing)} "
                + $"(download them, or point data.dirs.{dataset} at them)");
        }
    }
}
