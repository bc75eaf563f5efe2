using System.Collections.Immutable;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Grains.Specs;

/// <summary>
/// Turns sweep-spec YAML (docs/sweep-spec.md) into a <see cref="SweepSpec"/>, or into every error found, each
/// naming its field path. Reading, then the cross-field rules, then the optional <see cref="ISweepSpecCheck"/>
/// (e.g. <see cref="DataFilesCheck"/>); a later stage runs only when the earlier ones found nothing.
/// </summary>
public static partial class SweepSpecParser
{
    /// <summary>Parses a spec file; relative data folders are resolved against the file's folder.</summary>
    public static SpecParseResult ParseFile(string path, ISweepSpecCheck? check = null)
    {
        byte[] bytes;
        int length;
        try
        {
            // Read at most one byte past the limit: a huge file (or /dev/zero) is refused without being read.
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            bytes = new byte[SpecLimits.MaxBytes + 1];
            length = file.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SpecParseResult.Invalid(path, $"cannot read the spec file: {e.Message}");
        }
        if (length > SpecLimits.MaxBytes)
            return SpecParseResult.Invalid("spec", SpecLimits.SizeError(Math.Max(new FileInfo(path).Length, length))!);
        using var text = new StreamReader(new MemoryStream(bytes, 0, length), detectEncodingFromByteOrderMarks: true);
        return Parse(text.ReadToEnd(), System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)), check);
    }

    /// <summary>Parses spec text; relative data folders are resolved against <paramref name="baseDirectory"/>
    /// (default: the current directory).</summary>
    public static SpecParseResult Parse(string yaml, string? baseDirectory = null, ISweepSpecCheck? check = null)
    {
        if (SpecLimits.SizeError(System.Text.Encoding.UTF8.GetByteCount(yaml)) is { } tooLarge)
            return SpecParseResult.Invalid("spec", tooLarge);
        var reader = new YamlFieldReader();
        var spec = Read(yaml, reader, baseDirectory ?? Environment.CurrentDirectory);
        if (spec is null || reader.Errors.Count > 0)
            return SpecParseResult.Invalid(reader.Errors);

        foreach (var (path, reason) in SpecRules.Check(spec))
            reader.Error(path, reason);
        if (reader.Errors.Count == 0 && check is not null)
            foreach (var (path, reason) in check.Check(spec))
                reader.Error(path, reason);
        return reader.Errors.Count > 0 ? SpecParseResult.Invalid(reader.Errors) : SpecParseResult.Valid(spec);
    }

    private static SweepSpec? Read(string yaml, YamlFieldReader reader, string baseDirectory)
    {
        var root = Load(yaml, reader);
        if (root is null)
            return null;
        if (root is not YamlMappingNode)
        {
            reader.Error("spec", $"the top level must be a mapping of keys ({string.Join(", ", SpecSchema.TopLevelKeys.Take(4))}, ...), "
                + $"got {YamlFieldReader.Describe(root)}", (int)root.Start.Line);
            return null;
        }
        var entries = reader.Mapping(root, "", SpecSchema.TopLevelKeys);
        if (entries is null)
            return null;

        var name = entries.TryGetValue("name", out var nameNode) ? Name(reader, nameNode) : Required(reader, "name");
        var seed = Optional(entries, "seed", SpecSchema.Seed, n => reader.Long(n, "seed"));
        var data = entries.TryGetValue("data", out var dataNode) ? Data(reader, dataNode, baseDirectory) : DataOptions.Default;
        var factors = FactorsReader.Read(reader, entries.GetValueOrDefault("factors"));
        var epochs = Optional(entries, "epochs", SpecSchema.Epochs, n => reader.Int(n, "epochs"));
        var replicates = Optional(entries, "replicates", SpecSchema.Replicates, n => reader.Int(n, "replicates"));
        long? sample = entries.TryGetValue("sample", out var sampleNode) ? reader.Long(sampleNode, "sample", 1) : null;
        var retry = entries.TryGetValue("retry", out var retryNode)
            ? Retry(reader, retryNode)
            : new RetryPolicy(SpecSchema.MaxAttempts, SpecSchema.BackoffSeconds);
        var lease = Optional(entries, "leaseTimeoutSeconds", SpecSchema.LeaseTimeoutSeconds,
            n => reader.Int(n, "leaseTimeoutSeconds"));

        if (name is null || seed is null || data is null || factors is null || epochs is null || replicates is null
            || retry is null || lease is null || reader.Errors.Count > 0)
            return null;
        return new SweepSpec(name, seed.Value, data, factors, epochs.Value, replicates.Value, sample, retry, lease.Value);
    }

    private static YamlNode? Load(string yaml, YamlFieldReader reader)
    {
        var stream = new YamlStream();
        var parser = new SpecYamlParser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (UnsupportedYamlException e)
        {
            reader.Error("spec", e.Message, (int)e.At.Line);
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Not only YamlException: YamlDotNet also throws InvalidOperationException and ArgumentException on some
            // malformed text (e.g. a '[' left open before the next key), and gives some errors no position at all.
            var at = e is YamlException { Start: var start, End: var end } && !(start.Equals(Mark.Empty) && end.Equals(Mark.Empty))
                ? start
                : parser.Position;
            reader.Error("spec", $"not valid YAML at line {at.Line}, column {at.Column}: {Reason(e, parser)}");
            return null;
        }
        if (stream.Documents.Count == 1)
            return stream.Documents[0].RootNode;
        reader.Error("spec", stream.Documents.Count == 0 ? "empty document" : "expected one YAML document");
        return null;
    }

    private static string Reason(Exception e, SpecYamlParser parser) => e switch
    {
        YamlException => (e.InnerException ?? e).Message.Split('\n')[0],
        _ when parser.UnclosedBracket is var (bracket, start) => $"the '{bracket}' at line {start.Line}, column {start.Column} is not closed",
        _ => "unexpected text here",
    };

    private static string? Name(YamlFieldReader reader, YamlNode node)
    {
        var name = reader.String(node, "name");
        if (name is not null && !NamePattern().IsMatch(name))
        {
            reader.Error("name", $"'{name}' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            return null;
        }
        return name;
    }

    private static DataOptions? Data(YamlFieldReader reader, YamlNode node, string baseDirectory)
    {
        var entries = reader.Mapping(node, "data", SpecSchema.DataKeys);
        if (entries is null)
            return null;
        int? subset = entries.TryGetValue("subset", out var subsetNode) ? reader.Int(subsetNode, "data.subset") : null;
        var root = entries.TryGetValue("root", out var rootNode) ? Folder(reader, rootNode, "data.root", baseDirectory) : null;
        var dirs = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (entries.TryGetValue("dirs", out var dirsNode)
            && reader.Mapping(dirsNode, "data.dirs", [.. Dataset.All.Select(d => d.Name)], "unknown dataset") is { } dirEntries)
            foreach (var (dataset, dirNode) in dirEntries)
                if (Folder(reader, dirNode, $"data.dirs.{dataset}", baseDirectory) is { } dir)
                    dirs[dataset] = dir;
        return new DataOptions(subset, root, dirs.ToImmutable());
    }

    private static string? Folder(YamlFieldReader reader, YamlNode node, string path, string baseDirectory) =>
        reader.String(node, path) is { } dir ? System.IO.Path.GetFullPath(dir, baseDirectory) : null;

    private static RetryPolicy? Retry(YamlFieldReader reader, YamlNode node)
    {
        var entries = reader.Mapping(node, "retry", SpecSchema.RetryKeys);
        if (entries is null)
            return null;
        var maxAttempts = Optional(entries, "maxAttempts", SpecSchema.MaxAttempts,
            n => reader.Int(n, "retry.maxAttempts"));
        var backoff = Optional(entries, "backoffSeconds", SpecSchema.BackoffSeconds,
            n => reader.Double(n, "retry.backoffSeconds", positive: false));
        return maxAttempts is null || backoff is null ? null : new RetryPolicy(maxAttempts.Value, backoff.Value);
    }

    private static T? Optional<T>(IReadOnlyDictionary<string, YamlNode> entries, string key, T fallback,
        Func<YamlNode, T?> read) where T : struct =>
        entries.TryGetValue(key, out var node) ? read(node) : fallback;

    private static string? Required(YamlFieldReader reader, string path)
    {
        reader.Error(path, "required");
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();
}
