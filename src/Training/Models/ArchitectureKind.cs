namespace OrleansSweep.Training.Models;

/// <summary>How the residual branches are wired: deep, shallow, or d stages in between.</summary>
public enum ArchitectureKind
{
    Sequential,
    Parallel,
    Staged,
}
