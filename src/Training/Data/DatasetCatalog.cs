using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Data;

/// <summary>
/// Which files each dataset has, where to download them and their published checksums. <see cref="Official"/>
/// holds the real URLs and hashes; tests and users build their own (e.g. a local mirror) with
/// <see cref="WithMirrors"/> or <see cref="With"/>.
/// </summary>
public sealed class DatasetCatalog
{
    private readonly Dictionary<Dataset, DatasetCatalogEntry> _entries;

    public DatasetCatalog(IEnumerable<DatasetCatalogEntry> entries) =>
        _entries = entries.ToDictionary(e => e.Dataset);

    public static DatasetCatalog Official { get; } = new(OfficialDatasets.All);

    public DatasetCatalogEntry this[Dataset dataset] => _entries.TryGetValue(dataset, out var entry)
        ? entry
        : throw new KeyNotFoundException($"the dataset catalog has no entry for {dataset.Name}");

    /// <summary>A copy with <paramref name="entry"/> replacing the entry of its dataset.</summary>
    public DatasetCatalog With(DatasetCatalogEntry entry) =>
        new(_entries.Values.Where(e => e.Dataset != entry.Dataset).Append(entry));

    /// <summary>A copy whose <paramref name="dataset"/> downloads from <paramref name="mirrors"/> instead.</summary>
    public DatasetCatalog WithMirrors(Dataset dataset, IReadOnlyList<Uri> mirrors)
    {
        if (mirrors.Count == 0)
            throw new ArgumentException("at least one mirror is required", nameof(mirrors));
        return With(this[dataset] with { Mirrors = mirrors });
    }
}

/// <summary>The files of one dataset and the mirrors (base URLs, tried in order) that serve them.</summary>
public sealed record DatasetCatalogEntry(Dataset Dataset, IReadOnlyList<DatasetFile> Files, IReadOnlyList<Uri> Mirrors)
{
    /// <summary>The file's URL on a mirror: the mirror's base URL plus the file name.</summary>
    public static Uri UrlOf(Uri mirror, DatasetFile file)
    {
        var text = mirror.AbsoluteUri;
        return new Uri(new Uri(text.EndsWith('/') ? text : text + "/"), Uri.EscapeDataString(file.Name));
    }
}

/// <summary>One downloadable file of a dataset.</summary>
/// <param name="Name">File name, both in the data directory and appended to a mirror's base URL.</param>
/// <param name="Size">Published size in bytes, if known.</param>
/// <param name="Sha256">Published SHA-256 (lower-case hex), or null when none is published: then nothing can be
/// verified and the verifier says so instead of passing.</param>
public sealed record DatasetFile(string Name, long? Size, string? Sha256);
