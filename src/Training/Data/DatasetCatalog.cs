namespace OrleansSweep.Training.Data;

/// <summary>
/// Which files each dataset has, where to download them and their published checksums. <see cref="Official"/>
/// holds the real URLs and hashes; tests and users build their own (e.g. a local mirror) with
/// <see cref="WithMirrors"/> or <see cref="With"/>.
/// </summary>
public sealed class DatasetCatalog
{
    private readonly Dictionary<DatasetKind, DatasetCatalogEntry> _entries;

    public DatasetCatalog(IEnumerable<DatasetCatalogEntry> entries) =>
        _entries = entries.ToDictionary(e => e.Kind);

    public static DatasetCatalog Official { get; } = new(OfficialDatasets.All);

    public DatasetCatalogEntry this[DatasetKind kind] => _entries.TryGetValue(kind, out var entry)
        ? entry
        : throw new KeyNotFoundException($"the dataset catalog has no entry for {DatasetNames.ToCliName(kind)}");

    /// <summary>A copy with <paramref name="entry"/> replacing the entry of its kind.</summary>
    public DatasetCatalog With(DatasetCatalogEntry entry) =>
        new(_entries.Values.Where(e => e.Kind != entry.Kind).Append(entry));

    /// <summary>A copy whose <paramref name="kind"/> downloads from <paramref name="mirrors"/> instead.</summary>
    public DatasetCatalog WithMirrors(DatasetKind kind, IReadOnlyList<Uri> mirrors)
    {
        if (mirrors.Count == 0)
            throw new ArgumentException("at least one mirror is required", nameof(mirrors));
        return With(this[kind] with { Mirrors = mirrors });
    }
}
