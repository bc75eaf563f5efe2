using System.Collections.Immutable;
using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace OrleansSweep.Grains.Specs;

/// <summary>
/// Reads typed values out of a YAML tree, recording "path: reason (line)" errors instead of throwing, so one
/// pass reports every problem. Each method returns null when the value is unusable (the error is recorded).
/// </summary>
internal sealed partial class YamlFieldReader
{
    private readonly List<SpecError> errors = [];
    private readonly Dictionary<string, int> lines = [];

    public IReadOnlyList<SpecError> Errors => errors;

    /// <summary>The line a field was read from, for errors found after reading (rules, data checks).</summary>
    public int? LineOf(string path) => lines.TryGetValue(path, out var line) ? line : null;

    public void Error(string path, string reason) => errors.Add(new SpecError(path, reason, LineOf(path)));

    public void Error(string path, string reason, int line) => errors.Add(new SpecError(path, reason, line));

    public static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>A mapping's entries by key. Keys outside <paramref name="known"/> are errors.</summary>
    public IReadOnlyDictionary<string, YamlNode>? Mapping(YamlNode node, string path, IReadOnlyList<string> known,
        string unknownKind = "unknown key")
    {
        Remember(path, node);
        if (node is not YamlMappingNode mapping)
        {
            Error(path, $"must be a mapping, got {Describe(node)}");
            return null;
        }
        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var keyPath = Child(path, key);
            Remember(keyPath, keyNode);
            if (!known.Contains(key))
                Error(keyPath, $"{unknownKind} (known: {string.Join(", ", known)})");
            else
                entries[key] = value;
        }
        return entries;
    }

    /// <summary>A list's items with their paths; a lone scalar counts as a one-item list.</summary>
    public IReadOnlyList<(YamlNode Node, string Path)>? Items(YamlNode node, string path)
    {
        Remember(path, node);
        switch (node)
        {
            case YamlSequenceNode { Children.Count: 0 }:
            case YamlScalarNode scalar when IsNull(scalar):
                Error(path, "must not be empty");
                return null;
            case YamlSequenceNode { Children.Count: > SpecLimits.MaxListValues } tooLong:
                Error(path, SpecLimits.ListError(tooLong.Children.Count));
                return null;
            case YamlSequenceNode sequence:
                return sequence.Children.Select((item, i) => (item, Remember($"{path}[{i}]", item))).ToList();
            case YamlScalarNode:
                return [(node, path)];
            default:
                Error(path, $"must be a list, got {Describe(node)}");
                return null;
        }
    }

    /// <summary>A list of numbers or flags, each read by <paramref name="read"/>; duplicates are errors.</summary>
    public ImmutableArray<T>? Values<T>(YamlNode node, string path, Func<YamlNode, string, T?> read)
        where T : struct =>
        List(node, path, (item, itemPath) => read(item, itemPath) is { } value ? (true, value) : (false, default));

    /// <summary>A list of vocabulary values (datasets, architectures), each read by <paramref name="read"/>; duplicates are errors.</summary>
    public ImmutableArray<T>? Choices<T>(YamlNode node, string path, Func<YamlNode, string, T?> read) where T : class =>
        List(node, path, (item, itemPath) => read(item, itemPath) is { } value ? (true, value) : (false, null!));

    private ImmutableArray<T>? List<T>(YamlNode node, string path, Func<YamlNode, string, (bool Ok, T Value)> read)
        where T : notnull
    {
        var items = Items(node, path);
        if (items is null)
            return null;
        var values = ImmutableArray.CreateBuilder<T>(items.Count);
        var firstPaths = new Dictionary<T, string>(items.Count);   // a hash, not a scan: a long list stays linear
        var ok = true;
        foreach (var (item, itemPath) in items)
        {
            var (itemOk, value) = read(item, itemPath);
            if (!itemOk)
            {
                ok = false;
                continue;
            }
            if (!firstPaths.TryAdd(value, itemPath))
            {
                Error(itemPath, $"duplicate value {Format(value)} (also at {firstPaths[value]})");
                ok = false;
            }
            values.Add(value);
        }
        return ok ? values.ToImmutable() : null;
    }

    private string Remember(string path, YamlNode node)
    {
        lines.TryAdd(path, (int)node.Start.Line);
        return path;
    }

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null";

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar when IsNull(scalar) => "nothing",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "an alias",
    };

    private static string Format<T>(T value) => value switch
    {
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };
}
