using System.Diagnostics.CodeAnalysis;

namespace OrleansSweep.Grains.Specs;

/// <summary>Either a valid spec or every error found in it (never both).</summary>
public sealed record SpecParseResult(SweepSpec? Spec, IReadOnlyList<SpecError> Errors)
{
    [MemberNotNullWhen(true, nameof(Spec))]
    public bool IsValid => Spec is not null;

    public static SpecParseResult Valid(SweepSpec spec) => new(spec, []);

    public static SpecParseResult Invalid(IReadOnlyList<SpecError> errors) => new(null, errors);

    public static SpecParseResult Invalid(string path, string reason) => new(null, [new SpecError(path, reason)]);
}

/// <summary>One problem in a sweep spec: the field path (e.g. <c>factors.layers[2]</c>), why, and the YAML line.</summary>
public sealed record SpecError(string Path, string Reason, int? Line = null)
{
    /// <summary>"field.path: reason (line N)": the form the CLI prints after "error: ".</summary>
    public override string ToString() => Line is { } line ? $"{Path}: {Reason} (line {line})" : $"{Path}: {Reason}";
}
