namespace OrleansSweep.Training.Checkpoints;

/// <summary>A valid checkpoint that belongs to a different training spec: resuming from it would be wrong.</summary>
public sealed class CheckpointSpecMismatchException(string path, string detail)
    : Exception($"{path}: checkpoint was written for a different training spec ({detail}); refusing to resume from it")
{
    public string Path { get; } = path;
}
