namespace OrleansSweep.Training.Data.Formats;

/// <summary>The "not found" defects, each telling the user how to get the data.</summary>
internal static class MissingData
{
    public static void RequireDirectory(string directory, DatasetKind kind)
    {
        if (!Directory.Exists(directory))
            throw new DataFormatException(directory, $"dataset directory not found; {HowToGet(kind)}");
    }

    public static DataFormatException File(string path, DatasetKind kind, string? alternative = null) =>
        new(path, $"file not found{(alternative is null ? "" : $" (nor {alternative})")}; {HowToGet(kind)}");

    private static string HowToGet(DatasetKind kind) => kind == DatasetKind.FashionMnist
        ? $"get it with `{DatasetNames.FetchCommand(kind)}` or `apt-get install dataset-fashion-mnist`"
        : $"get it with `{DatasetNames.FetchCommand(kind)}`";
}
