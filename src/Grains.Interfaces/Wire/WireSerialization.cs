using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Serialization;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Wire;

/// <summary>
/// The wire carries the training core's own types (datasets, architectures, epoch metrics…), which know nothing of
/// Orleans: they travel as JSON, the form they are stored in too. Every silo and client of a sweep calls this.
/// </summary>
public static class WireSerialization
{
    public static ISerializerBuilder AddSweepWireTypes(this ISerializerBuilder serializer) =>
        serializer.AddJsonSerializer(
            isSupported: type => type.Assembly == typeof(Dataset).Assembly,
            jsonSerializerOptions: new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals });
}
