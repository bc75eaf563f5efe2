using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Data;

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
