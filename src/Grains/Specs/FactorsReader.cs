using System.Collections.Immutable;
using OrleansSweep.Training.Models;
using OrleansSweep.Training.Vocabulary;
using YamlDotNet.RepresentationModel;

namespace OrleansSweep.Grains.Specs;

/// <summary>
/// Reads the <c>factors</c> mapping into the training core's typed values; factors left out take their
/// <see cref="SpecSchema"/> defaults (dataset has none).
/// </summary>
internal static class FactorsReader
{
    private const string Path = "factors";

    public static SweepFactors? Read(YamlFieldReader reader, YamlNode? node)
    {
        if (node is null)
        {
            reader.Error(Path, $"required (at least factors.dataset: {Dataset.Known})");
            return null;
        }
        var entries = reader.Mapping(node, Path, SpecSchema.Factors, "unknown factor");
        if (entries is null)
            return null;
        if (!entries.ContainsKey("dataset"))
            reader.Error(YamlFieldReader.Child(Path, "dataset"), $"required ({Dataset.Known})");

        var dataset = Choices(reader, entries, "dataset", [], (n, p) => DatasetOf(reader, n, p));
        var architecture = Choices(reader, entries, "architecture", SpecSchema.Architecture, (n, p) => ArchitectureOf(reader, n, p));
        var layers = Values(reader, entries, "layers", SpecSchema.Layers, (n, p) => reader.Int(n, p));
        var filters = Values(reader, entries, "filters", SpecSchema.Filters, (n, p) => reader.Int(n, p));
        var kernel = Values(reader, entries, "kernel", SpecSchema.Kernel, (n, p) => Kernel(reader, n, p));
        var activation = Values(reader, entries, "activation", SpecSchema.Activation, (n, p) => Named<Activation>(reader, n, p));
        var batchNorm = Values(reader, entries, "batchNorm", SpecSchema.BatchNorm, reader.Bool);
        var optimizer = Values(reader, entries, "optimizer", SpecSchema.Optimizer, (n, p) => Named<Optimizer>(reader, n, p));
        var learningRate = Values(reader, entries, "learningRate", SpecSchema.LearningRate,
            (n, p) => reader.Double(n, p, positive: true));
        var batchSize = Values(reader, entries, "batchSize", SpecSchema.BatchSize, (n, p) => reader.Int(n, p));

        if (dataset is not { } d || architecture is not { } a || layers is not { } l || filters is not { } f
            || kernel is not { } k || activation is not { } act || batchNorm is not { } bn || optimizer is not { } o
            || learningRate is not { } lr || batchSize is not { } b)
            return null;
        return new SweepFactors(d, a, l, f, k, act, bn, o, lr, b);
    }

    private static ImmutableArray<T>? Choices<T>(YamlFieldReader reader, IReadOnlyDictionary<string, YamlNode> entries,
        string key, IReadOnlyList<T> defaults, Func<YamlNode, string, T?> read) where T : class =>
        entries.TryGetValue(key, out var node)
            ? reader.Choices(node, YamlFieldReader.Child(Path, key), read)
            : defaults.Count > 0 ? [.. defaults] : null;

    private static ImmutableArray<T>? Values<T>(YamlFieldReader reader, IReadOnlyDictionary<string, YamlNode> entries,
        string key, IReadOnlyList<T> defaults, Func<YamlNode, string, T?> read) where T : struct =>
        entries.TryGetValue(key, out var node)
            ? reader.Values(node, YamlFieldReader.Child(Path, key), read)
            : [.. defaults];

    private static Dataset? DatasetOf(YamlFieldReader reader, YamlNode node, string path)
    {
        if (reader.String(node, path) is not { } text) return null;
        if (Dataset.TryParse(text, out var dataset)) return dataset;
        reader.Error(path, $"unknown dataset '{text}' (known: {Dataset.Known})");
        return null;
    }

    private static Architecture? ArchitectureOf(YamlFieldReader reader, YamlNode node, string path)
    {
        if (reader.String(node, path) is not { } text) return null;
        if (Architecture.TryParse(text, out var architecture, out var reason)) return architecture;
        reader.Error(path, reason);
        return null;
    }

    private static T? Named<T>(YamlFieldReader reader, YamlNode node, string path) where T : struct, Enum
    {
        if (reader.String(node, path) is not { } text) return null;
        if (Names.TryParse<T>(text, out var value)) return value;
        reader.Error(path, $"unknown {typeof(T).Name.ToLowerInvariant()} '{text}' (known: {Names.Known<T>()})");
        return null;
    }

    private static int? Kernel(YamlFieldReader reader, YamlNode node, string path)
    {
        if (reader.Int(node, path) is not { } kernel) return null;
        if (ModelSpec.KernelProblem(kernel) is not { } problem) return kernel;
        reader.Error(path, problem);
        return null;
    }
}
