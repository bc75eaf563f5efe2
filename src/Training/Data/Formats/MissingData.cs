using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Data.Formats;

/// <summary>The "not found" defects, each telling the user how to get the data.</summary>
internal static class MissingData
{
    public static void RequireDirectory(string directory, Dataset dataset)
    {
        if (!Directory.Exists(directory))
            throw new DataFormatException(directory, $"dataset directory not found; {HowToGet(dataset)}");
    }

    public static DataFormatException File(string path, Dataset dataset, string? alternative = null) =>
        new(path, $"file not found{(alternative is null ? "" : $" (nor {alternative})")}; {HowToGet(dataset)}");

    private static string HowToGet(Dataset dataset) => dataset == Dataset.FashionMnist
        ? $"get it with `{dataset.FetchCommand}` or `apt-get install dataset-fashion-mnist`"
        : $"get it with `{dataset.FetchCommand}`";
}
