using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansSweep.Training.Models;

/// <summary>Writes an <see cref="Architecture"/> as its CLI name ("staged:3"), the form users read and write.</summary>
public sealed class ArchitectureJsonConverter : JsonConverter<Architecture>
{
    public override Architecture Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("architecture: expected a string");
        try
        {
            return Architecture.Parse(text);
        }
        catch (ArgumentException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, Architecture value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
