using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Data;

/// <summary>Where each dataset lives when the user does not say.</summary>
public static class DataDirectories
{
    /// <summary>Debian's <c>dataset-fashion-mnist</c> package installs the real files here.</summary>
    public const string SystemFashionMnist = "/usr/share/datasets/fashion-mnist";

    public static string Default(Dataset dataset) => Default(dataset, SystemFashionMnist);

    internal static string Default(Dataset dataset, string systemFashionMnist) =>
        dataset == Dataset.FashionMnist && Directory.Exists(systemFashionMnist)
            ? systemFashionMnist
            : Path.Combine(".", "data", dataset.Name);
}
