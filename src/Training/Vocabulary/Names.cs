using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansSweep.Training.Vocabulary;

/// <summary>
/// The names of the vocabulary's enums (<see cref="Activation"/>, <see cref="Optimizer"/>): the member name in lower
/// case, in specs, flags, exports, metrics labels and stored state alike; parsing accepts any case.
/// </summary>
public static class Names
{
    public static string Of<T>(T value) where T : struct, Enum => Of((Enum)value);

    public static string Of(Enum value) => value.ToString().ToLowerInvariant();

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Of(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>"relu, tanh", for messages.</summary>
    public static string Known<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(Of));
}

/// <summary>Writes a vocabulary enum as its lower-case name and reads it in any case.</summary>
public sealed class NameJsonConverter<T> : JsonConverter<T> where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Names.TryParse<T>(reader.GetString(), out var value) ? value
            : throw new JsonException($"{typeof(T).Name.ToLowerInvariant()}: unknown '{reader.GetString()}' (known: {Names.Known<T>()})");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Names.Of(value));
}
