using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansSweep.Training.Sessions;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Wire;

/// <summary>
/// The wire carries the training core's own types, which know nothing of Orleans: each travels as its JSON, the form it
/// is stored in too. The converters below are found by Orleans' code generation, so every silo and client that
/// references these contracts can send them, with nothing to register. (Enums such as Activation need nothing.)
/// </summary>
[GenerateSerializer, Immutable, Alias("as-json")]
public readonly record struct AsJson([property: Id(0)] string Json);

public abstract class JsonConverterOf<T> : IConverter<T, AsJson> where T : class
{
    private static readonly JsonSerializerOptions Options = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public T ConvertFromSurrogate(in AsJson surrogate) =>
        JsonSerializer.Deserialize<T>(surrogate.Json, Options) ?? throw new JsonException($"{typeof(T).Name}: null on the wire");

    public AsJson ConvertToSurrogate(in T value) => new(JsonSerializer.Serialize(value, Options));
}

[RegisterConverter] public sealed class DatasetOnTheWire : JsonConverterOf<Dataset>;
[RegisterConverter] public sealed class ArchitectureOnTheWire : JsonConverterOf<Architecture>;
[RegisterConverter] public sealed class EpochMetricsOnTheWire : JsonConverterOf<EpochMetrics>;
