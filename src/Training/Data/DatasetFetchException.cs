namespace OrleansSweep.Training.Data;

/// <summary>A file could not be downloaded from any mirror. Message = "&lt;file path&gt;: &lt;why, per mirror&gt;", one line.</summary>
public sealed class DatasetFetchException(string path, string reason) : Exception($"{path}: {reason}")
{
    public string FilePath { get; } = path;
}
