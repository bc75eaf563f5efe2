namespace OrleansSweep.Training.Checkpoints;

/// <summary>A valid checkpoint that belongs to a different configuration: resuming from it would be wrong.</summary>
public sealed class CheckpointSpecMismatchException(string path, IReadOnlyList<string> differences)
    : Exception($"{path}: checkpoint of another configuration ({string.Join(", ", differences)}); refusing to resume from it")
{
    public string Path { get; } = path;
}
