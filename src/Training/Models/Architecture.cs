using System.Globalization;
using System.Text.Json.Serialization;

namespace OrleansSweep.Training.Models;

/// <summary>
/// The wiring of the L residual branches: <c>sequential</c> (L stages of one branch), <c>parallel</c>
/// (one stage of L branches) or <c>staged:d</c> (d stages of L/d branches). <see cref="Stages"/> is d for
/// staged and 0 otherwise.
/// </summary>
[JsonConverter(typeof(ArchitectureJsonConverter))]
public sealed record Architecture(ArchitectureKind Kind, int Stages)
{
    public static Architecture Sequential { get; } = new(ArchitectureKind.Sequential, 0);
    public static Architecture Parallel { get; } = new(ArchitectureKind.Parallel, 0);

    public static Architecture Staged(int stages) => new(ArchitectureKind.Staged, stages);

    /// <summary>Parses "sequential", "parallel" or "staged:d"; throws ArgumentException naming the field.</summary>
    public static Architecture Parse(string s)
    {
        var text = s.Trim().ToLowerInvariant();
        if (text == "sequential") return Sequential;
        if (text == "parallel") return Parallel;
        if (text.StartsWith("staged:", StringComparison.Ordinal)
            && int.TryParse(text["staged:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && d >= 1)
            return Staged(d);
        throw new ArgumentException($"architecture: '{s}' is not sequential, parallel or staged:d (d >= 1)");
    }

    /// <summary>The number of sequential stages for a stack of <paramref name="layers"/> branches.</summary>
    public int StagesFor(int layers) => Kind switch
    {
        ArchitectureKind.Sequential => layers,
        ArchitectureKind.Parallel => 1,
        _ => Stages,
    };

    public override string ToString() => Kind switch
    {
        ArchitectureKind.Sequential => "sequential",
        ArchitectureKind.Parallel => "parallel",
        _ => $"staged:{Stages}",
    };
}
