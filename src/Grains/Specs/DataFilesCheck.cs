
namespace OrleansSweep.Grains.Specs;

/// <summary>Every dataset in the spec has its files where the spec (or the default) says.</summary>
public sealed class DataFilesCheck(Func<string, string> defaultDirectory) : ISweepSpecCheck
{
    /// <summary>Uses <see cref="DatasetFiles.DefaultDirectory"/> for datasets the spec gives no folder.</summary>
    public static DataFilesCheck Default { get; } = new(DatasetFiles.DefaultDirectory);

    public IEnumerable<(string Path, string Reason)> Check(SweepSpec spec)
    {
        for (var i = 0; i < spec.Factors.Dataset.Length; i++)
        {
            var dataset = spec.Factors.Dataset[i];
            var directory = spec.Data.DirectoryFor(dataset) ?? defaultDirectory(dataset);
            var missing = DatasetFiles.Missing(dataset, directory);
            if (missing.Count == 0)
                continue;
            var path = spec.Data.Dirs.ContainsKey(dataset) ? $"data.dirs.{dataset}"
                : spec.Data.Root is not null ? "data.root"
                : $"factors.dataset[{i}]";
            yield return (path, $"{dataset} files missing in {directory}: {string.Join(", ", missing)} "
                + $"(download them, or point data.dirs.{dataset} at them)");
        }
    }
}
