using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansSweep.Training.Vocabulary;

/// <summary>How the residual branches are wired: deep, shallow, or d stages in between.</summary>
public enum ArchitectureKind
{
    Sequential,
    Parallel,
    Staged,
}

/// <summary>
/// The wiring of the L residual branches: <c>sequential</c> (L stages of one branch), <c>parallel</c> (one stage of L
/// branches) or <c>staged:d</c> (d stages of L/d branches). <see cref="Stages"/> is d for staged and 0 otherwise.
/// </summary>
[JsonConverter(typeof(ArchitectureJsonConverter))]
public sealed record Architecture(ArchitectureKind Kind, int Stages)
{
    private const string StagedPrefix = "staged:";

    public static Architecture Sequential { get; } = new(ArchitectureKind.Sequential, 0);
    public static Architecture Parallel { get; } = new(ArchitectureKind.Parallel, 0);

    public static Architecture Staged(int stages) => new(ArchitectureKind.Staged, stages);

    /// <summary>"sequential", "parallel" or "staged:d" (any case, d ≥ 1); otherwise false and why.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Architecture? architecture, out string reason)
    {
        var name = text?.Trim().ToLowerInvariant() ?? "";
        (architecture, reason) = name switch
        {
            "sequential" => (Sequential, ""),
            "parallel" => (Parallel, ""),
            _ when !name.StartsWith(StagedPrefix, StringComparison.Ordinal) =>
                (null, $"unknown architecture '{text}' (known: sequential, parallel, staged:d)"),
            _ when int.TryParse(name[StagedPrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d >= 1 =>
                (Staged(d), ""),
            _ => (null, $"'{text}': d in staged:d must be a positive integer"),
        };
        return architecture is not null;
    }

    /// <exception cref="ArgumentException">Names the field and why.</exception>
    public static Architecture Parse(string text) =>
        TryParse(text, out var architecture, out var reason) ? architecture : throw new ArgumentException($"architecture: {reason}");

    /// <summary>The number of sequential stages for a stack of <paramref name="layers"/> branches.</summary>
    public int StagesFor(int layers) => Kind switch
    {
        ArchitectureKind.Sequential => layers,
        ArchitectureKind.Parallel => 1,
        _ => Stages,
    };

    /// <summary>Why this wiring cannot arrange <paramref name="layers"/> branches (staged:d needs d to divide L), or null.</summary>
    public string? CannotArrange(int layers) =>
        Kind == ArchitectureKind.Staged && layers % Stages != 0
            ? $"{this} does not divide layers={layers} (d stages need L/d branches each)"
            : null;

    public override string ToString() => Kind switch
    {
        ArchitectureKind.Sequential => "sequential",
        ArchitectureKind.Parallel => "parallel",
        _ => StagedPrefix + Stages.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>An architecture is stored and sent as its name ("staged:3"), the form users read and write.</summary>
public sealed class ArchitectureJsonConverter : JsonConverter<Architecture>
{
    public override Architecture Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Architecture.TryParse(reader.GetString(), out var architecture, out var reason) ? architecture
            : throw new JsonException($"architecture: {reason}");

    public override void Write(Utf8JsonWriter writer, Architecture value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
