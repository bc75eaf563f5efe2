using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansSweep.Training.Checkpoints;

/// <summary>JSON settings for checkpoint metadata: readable enums, NaN losses allowed, exact double round-trip.</summary>
internal static class CheckpointJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,
    };
}
