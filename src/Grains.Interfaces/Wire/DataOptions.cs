using System.Collections.Immutable;

namespace OrleansSweep.Wire;

/// <summary>
/// Where each dataset's files live and how much of them to use. A directory in <see cref="Dirs"/> wins over
/// <see cref="Root"/> (which holds one folder per dataset name); with neither, the silo uses its default folder.
/// </summary>
[GenerateSerializer, Immutable, Alias("sweep-data-options")]
public sealed record DataOptions(
    [property: Id(0)] int? Subset,
    [property: Id(1)] string? Root,
    [property: Id(2)] ImmutableSortedDictionary<string, string> Dirs)
{
    public static DataOptions Default { get; } = new(null, null, ImmutableSortedDictionary<string, string>.Empty);

    /// <summary>The folder configured for <paramref name="dataset"/>, or null when the silo's default applies.</summary>
    public string? DirectoryFor(string dataset) =>
        Dirs.TryGetValue(dataset, out var dir) ? dir
        : Root is null ? null
        : Path.Combine(Root, dataset);

    // Records compare collections by reference; specs are compared by value (idempotent Start).
    public bool Equals(DataOptions? other) =>
        other is not null && Subset == other.Subset && Root == other.Root && Dirs.SequenceEqual(other.Dirs);

    public override int GetHashCode() => HashCode.Combine(Subset, Root, Dirs.Count);
}
