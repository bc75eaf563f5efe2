namespace OrleansSweep.Training.Checkpoints;

/// <summary>A checkpoint file that must not be loaded. Message = "&lt;file path&gt;: &lt;defect&gt;" (one line).</summary>
public sealed class CheckpointCorruptException(string path, string defect) : Exception($"{path}: {defect}")
{
    public string Path { get; } = path;
    public string Defect { get; } = defect;
}
