using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace OrleansSweep.Silo.Tests.Deploy;

/// <summary>A parsed YAML value (merge keys resolved) that names its path in every failure: <c>compose.services.silo1.image</c>.</summary>
public sealed record Yaml(object? Value, string Path)
{
    /// <summary>Every document of a file (Kubernetes files hold several, separated by ---).</summary>
    public static IReadOnlyList<Yaml> LoadAll(string file)
    {
        var name = System.IO.Path.GetFileName(file);
        var parser = new MergingParser(new Parser(new StringReader(File.ReadAllText(file))));
        var deserializer = new DeserializerBuilder().Build();
        var documents = new List<Yaml>();
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
            documents.Add(new Yaml(deserializer.Deserialize<object>(parser), $"{name}#{documents.Count}"));
        return documents;
    }

    public static Yaml Load(string file) => LoadAll(file).Single();

    public Yaml this[string key] =>
        TryGet(key) ?? throw new KeyNotFoundException($"{Path}.{key}: missing");

    public Yaml? TryGet(string key) =>
        Value is Dictionary<object, object> map && map.TryGetValue(key, out var value) ? new Yaml(value, $"{Path}.{key}") : null;

    public bool Has(string key) => TryGet(key) is not null;

    public IReadOnlyList<Yaml> Items =>
        Value is List<object> list ? list.Select((v, i) => new Yaml(v, $"{Path}[{i}]")).ToList()
        : throw new InvalidCastException($"{Path}: not a list");

    public IReadOnlyDictionary<string, Yaml> Entries =>
        Value is Dictionary<object, object> map ? map.ToDictionary(e => (string)e.Key, e => new Yaml(e.Value, $"{Path}.{e.Key}"))
        : throw new InvalidCastException($"{Path}: not a mapping");

    public string Text => Value as string ?? throw new InvalidCastException($"{Path}: not a scalar");

    public override string ToString() => $"{Path} = {Value}";
}
