namespace OrleansSweep.Training.Data;

/// <summary>A dataset file is missing, truncated or corrupt. Message = "&lt;file path&gt;: &lt;defect&gt;", one line.</summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException(string path, string defect, Exception? inner = null)
        : base($"{path}: {defect}", inner)
    {
        FilePath = path;
        Defect = defect;
    }

    public string FilePath { get; }

    public string Defect { get; }
}
