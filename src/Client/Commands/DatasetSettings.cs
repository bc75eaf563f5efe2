using System.ComponentModel;
using OrleansSweep.Client.Cli;
using OrleansSweep.Training.Data;
using OrleansSweep.Training.Vocabulary;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrleansSweep.Client.Commands;

/// <summary>Options shared by every command that reads a dataset: which one, and where its files are.</summary>
public class DatasetSettings : CommandSettings
{
    [CommandOption("--dataset <NAME>")]
    [Description("mnist | fashion-mnist | cifar10")]
    [DefaultValue("fashion-mnist")]
    public string DatasetName { get; init; } = "fashion-mnist";

    [CommandOption("--data-dir <DIR>")]
    [Description("Folder with the dataset files (default: /usr/share/datasets/fashion-mnist for fashion-mnist when present, else ./data/<name>)")]
    public string? DataDir { get; init; }

    public Dataset Dataset =>
        Dataset.TryParse(DatasetName, out var dataset) ? dataset : throw new InvalidOperationException("settings not validated");

    public string DataDirectory => DataDir ?? DataDirectories.Default(Dataset);

    public override ValidationResult Validate()
    {
        if (MissingValue.FirstOption(this) is { } option)
            return ValidationResult.Error($"{option}: needs a value");
        if (!Dataset.TryParse(DatasetName, out _))
            return ValidationResult.Error($"--dataset: '{DatasetName}' is not one of {Dataset.Known}");
        if (DataDir is { Length: 0 })
            return ValidationResult.Error("--data-dir: must not be empty");
        return ValidationResult.Success();
    }
}
