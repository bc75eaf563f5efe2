using OrleansSweep.Client.Results;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Client.Reports;

/// <summary>
/// The number of sequential stages d of an arrangement of L layers: L for sequential, 1 for parallel, d for staged:d.
/// </summary>
public static class Depth
{
    public static bool IsStaged(string architecture) => Architecture.Parse(architecture).Kind == ArchitectureKind.Staged;

    public static int Of(ResultRow row) => Architecture.Parse(row.Architecture).StagesFor(row.Layers);
}
