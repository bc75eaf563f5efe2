using System.Collections.Immutable;
using YamlDotNet.RepresentationModel;

namespace OrleansSweep.Grains.Specs;

/// <summary>Reads the <c>factors</c> mapping; factors left out take their <see cref="SpecDefaults"/> (dataset has none).</summary>
internal static class FactorsReader
{
    private const string Path = "factors";

    public static SweepFactors? Read(YamlFieldReader reader, YamlNode? node)
    {
        if (node is null)
        {
            reader.Error(Path, "required (at least factors.dataset)");
            return null;
        }
        var entries = reader.Mapping(node, Path, SpecVocabulary.Factors, "unknown factor");
        if (entries is null)
            return null;
        if (!entries.ContainsKey("dataset"))
            reader.Error(YamlFieldReader.Child(Path, "dataset"), "required (mnist, fashion-mnist or cifar10)");

        var dataset = Names(reader, entries, "dataset", [], (n, p) => reader.Name(n, p, SpecVocabulary.Datasets, "dataset"));
        var architecture = Names(reader, entries, "architecture", SpecDefaults.Architecture, (n, p) => Architecture(reader, n, p));
        var layers = Values(reader, entries, "layers", SpecDefaults.Layers, (n, p) => reader.Int(n, p));
        var filters = Values(reader, entries, "filters", SpecDefaults.Filters, (n, p) => reader.Int(n, p));
        var kernel = Values(reader, entries, "kernel", SpecDefaults.Kernel, (n, p) => Kernel(reader, n, p));
        var activation = Names(reader, entries, "activation", SpecDefaults.Activation,
            (n, p) => reader.Name(n, p, SpecVocabulary.Activations, "activation"));
        var batchNorm = Values(reader, entries, "batchNorm", SpecDefaults.BatchNorm, reader.Bool);
        var optimizer = Names(reader, entries, "optimizer", SpecDefaults.Optimizer,
            (n, p) => reader.Name(n, p, SpecVocabulary.Optimizers, "optimizer"));
        var learningRate = Values(reader, entries, "learningRate", SpecDefaults.LearningRate,
            (n, p) => reader.Double(n, p, positive: true));
        var batchSize = Values(reader, entries, "batchSize", SpecDefaults.BatchSize, (n, p) => reader.Int(n, p));

        if (dataset is not { } d || architecture is not { } a || layers is not { } l || filters is not { } f
            || kernel is not { } k || activation is not { } act || batchNorm is not { } bn || optimizer is not { } o
            || learningRate is not { } lr || batchSize is not { } b)
            return null;
        return new SweepFactors(d, a, l, f, k, act, bn, o, lr, b);
    }

    private static ImmutableArray<string>? Names(YamlFieldReader reader, IReadOnlyDictionary<string, YamlNode> entries,
        string key, IReadOnlyList<string> defaults, Func<YamlNode, string, string?> read) =>
        entries.TryGetValue(key, out var node)
            ? reader.Names(node, YamlFieldReader.Child(Path, key), read)
            : defaults.Count > 0 ? [.. defaults] : null;

    private static ImmutableArray<T>? Values<T>(YamlFieldReader reader, IReadOnlyDictionary<string, YamlNode> entries,
        string key, IReadOnlyList<T> defaults, Func<YamlNode, string, T?> read) where T : struct =>
        entries.TryGetValue(key, out var node)
            ? reader.Values(node, YamlFieldReader.Child(Path, key), read)
            : [.. defaults];

    private static string? Architecture(YamlFieldReader reader, YamlNode node, string path)
    {
        var text = reader.String(node, path);
        if (text is null)
            return null;
        var problem = ArchitectureNames.TryParse(text, out var canonical, out _);
        if (problem is null)
            return canonical;
        reader.Error(path, problem);
        return null;
    }

    // 'Same' padding keeps the shape a residual sum needs only for odd kernels.
    private static int? Kernel(YamlFieldReader reader, YamlNode node, string path)
    {
        var kernel = reader.Int(node, path);
        if (kernel is { } k && k % 2 == 0)
        {
            reader.Error(path, $"must be odd so 'same' padding keeps the shape, got {k}");
            return null;
        }
        return kernel;
    }
}
