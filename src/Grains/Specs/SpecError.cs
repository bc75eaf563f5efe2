namespace OrleansSweep.Grains.Specs;

/// <summary>One problem in a sweep spec: the field path (e.g. <c>factors.layers[2]</c>), why, and the YAML line.</summary>
public sealed record SpecError(string Path, string Reason, int? Line = null)
{
    /// <summary>"field.path: reason (line N)": the form the CLI prints after "error: ".</summary>
    public override string ToString() => Line is { } line ? $"{Path}: {Reason} (line {line})" : $"{Path}: {Reason}";
}
