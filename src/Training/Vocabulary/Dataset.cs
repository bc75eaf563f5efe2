using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansSweep.Training.Vocabulary;

/// <summary>
/// A dataset the trainer knows: the name users type, the sizes of its official splits and the shape of its images.
/// Three exist; every other part of the system takes these facts from here.
/// </summary>
[JsonConverter(typeof(DatasetJsonConverter))]
public sealed class Dataset
{
    public static Dataset Mnist { get; } = new("mnist", trainSize: 60_000, testSize: 10_000, channels: 1, side: 28, classes: 10);
    public static Dataset FashionMnist { get; } = new("fashion-mnist", trainSize: 60_000, testSize: 10_000, channels: 1, side: 28, classes: 10);
    public static Dataset Cifar10 { get; } = new("cifar10", trainSize: 50_000, testSize: 10_000, channels: 3, side: 32, classes: 10);

    public static IReadOnlyList<Dataset> All { get; } = [Mnist, FashionMnist, Cifar10];

    private Dataset(string name, int trainSize, int testSize, int channels, int side, int classes) =>
        (Name, TrainSize, TestSize, Channels, Height, Width, Classes) = (name, trainSize, testSize, channels, side, side, classes);

    /// <summary>As users type it: mnist, fashion-mnist, cifar10.</summary>
    public string Name { get; }

    /// <summary>Images in the official training split.</summary>
    public int TrainSize { get; }

    /// <summary>Images in the official test split (this project's validation data).</summary>
    public int TestSize { get; }

    public int Channels { get; }
    public int Height { get; }
    public int Width { get; }
    public int Classes { get; }

    /// <summary>The training samples a run sees: its subset when it draws one, else the whole training split.</summary>
    public int TrainingSamples(int? subset) => subset ?? TrainSize;

    /// <summary>The command that downloads it, quoted in "file not found" messages.</summary>
    public string FetchCommand => $"orleans-sweep data fetch --dataset {Name}";

    /// <summary>Names as users may type them (any case).</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out Dataset? dataset)
    {
        dataset = All.FirstOrDefault(d => string.Equals(d.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
        return dataset is not null;
    }

    /// <exception cref="ArgumentException">Names the field and the known datasets.</exception>
    public static Dataset Parse(string name) => TryParse(name, out var dataset) ? dataset
        : throw new ArgumentException($"dataset: unknown '{name}' (known: {Known})");

    /// <summary>"mnist, fashion-mnist, cifar10", for messages.</summary>
    public static string Known => string.Join(", ", All.Select(d => d.Name));

    public override string ToString() => Name;
}

/// <summary>A dataset is stored and sent as its name.</summary>
public sealed class DatasetJsonConverter : JsonConverter<Dataset>
{
    public override Dataset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Dataset.TryParse(reader.GetString(), out var dataset) ? dataset : throw new JsonException($"dataset: unknown '{reader.GetString()}'");

    public override void Write(Utf8JsonWriter writer, Dataset value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);

    public override Dataset ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Read(ref reader, typeToConvert, options);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, Dataset value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Name);
}
