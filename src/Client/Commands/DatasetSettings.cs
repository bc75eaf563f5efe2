using System.ComponentModel;
using OrleansSweep.Client.Cli;
using OrleansSweep.Training.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrleansSweep.Client.Commands;

/// <summary>Options shared by every command that reads a dataset: which one, and where its files are.</summary>
public class DatasetSettings : CommandSettings
{
    [CommandOption("--dataset <NAME>")]
    [Description("mnist | fashion-mnist | cifar10")]
    [DefaultValue("fashion-mnist")]
    public string Dataset { get; init; } = "fashion-mnist";

    [CommandOption("--data-dir <DIR>")]
    [Description("Folder with the dataset files (default: /usr/share/datasets/fashion-mnist for fashion-mnist when present, else ./data/<name>)")]
    public string? DataDir { get; init; }

    public DatasetKind DatasetKind =>
        DatasetNames.TryParse(Dataset, out var kind) ? kind : throw new InvalidOperationException("settings not validated");

    public string DataDirectory => DataDir ?? DataDirectories.Default(DatasetKind);

    public override ValidationResult Validate()
    {
        if (MissingValue.FirstOption(this) is { } option)
            return ValidationResult.Error($"{option}: needs a value");
        if (!DatasetNames.TryParse(Dataset, out _))
            return ValidationResult.Error($"--dataset: '{Dataset}' is not one of mnist|fashion-mnist|cifar10");
        if (DataDir is { Length: 0 })
            return ValidationResult.Error("--data-dir: must not be empty");
        return ValidationResult.Success();
    }
}
