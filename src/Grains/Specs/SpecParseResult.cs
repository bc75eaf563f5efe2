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
