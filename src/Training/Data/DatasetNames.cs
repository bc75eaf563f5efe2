namespace OrleansSweep.Training.Data;

/// <summary>Maps <see cref="DatasetKind"/> to and from the names users type.</summary>
public static class DatasetNames
{
    public static string ToCliName(DatasetKind kind) => kind switch
    {
        DatasetKind.Mnist => "mnist",
        DatasetKind.FashionMnist => "fashion-mnist",
        DatasetKind.Cifar10 => "cifar10",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown dataset kind"),
    };

    /// <summary>Accepts the CLI names, case-insensitively.</summary>
    public static bool TryParse(string? name, out DatasetKind kind)
    {
        foreach (var candidate in Enum.GetValues<DatasetKind>())
        {
            if (string.Equals(ToCliName(candidate), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }

    /// <summary>The command that downloads a dataset, quoted in "file not found" messages.</summary>
    public static string FetchCommand(DatasetKind kind) => $"orleans-sweep data fetch --dataset {ToCliName(kind)}";
}
