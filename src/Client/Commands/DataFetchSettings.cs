using System.ComponentModel;
using OrleansSweep.Client.Cli;
using OrleansSweep.Training.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrleansSweep.Client.Commands;

/// <summary>Options of `orleans-sweep data fetch`.</summary>
public sealed class DataFetchSettings : DatasetSettings
{
    [CommandOption("--mirror <URL>")]
    [Description("Download from these base URLs, in order, instead of the canonical ones (repeatable)")]
    public string[] Mirrors { get; init; } = [];

    /// <summary>Downloads go to --data-dir, else ./data/&lt;name&gt; (the system Fashion-MNIST folder is read-only).</summary>
    public string TargetDirectory => DataDir ?? Path.Combine(".", "data", Dataset.Name);

    public IReadOnlyList<Uri> MirrorUris => [.. Mirrors.Select(m => new Uri(m.EndsWith('/') ? m : m + "/"))];

    public override ValidationResult Validate()
    {
        var inherited = base.Validate();   // first: it reports options left without a value
        if (!inherited.Successful) return inherited;
        foreach (var mirror in Mirrors)
        {
            if (!Uri.TryCreate(mirror, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                return ValidationResult.Error($"--mirror: '{mirror}' is not an absolute http(s) URL");
        }
        return WritablePath.FolderError("--data-dir", TargetDirectory) is { } unwritable
            ? ValidationResult.Error(unwritable)
            : ValidationResult.Success();
    }
}
