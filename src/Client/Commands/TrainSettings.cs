using System.ComponentModel;
using OrleansSweep.Client.Cli;
using OrleansSweep.Training;
using OrleansSweep.Training.Sessions;
using OrleansSweep.Training.Models;
using OrleansSweep.Training.Vocabulary;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrleansSweep.Client.Commands;

/// <summary>Options of `orleans-sweep train`; <see cref="Validate"/> names the offending option.</summary>
public sealed class TrainSettings : DatasetSettings
{
    [CommandOption("--arch <ARCH>")]
    [Description("sequential | parallel | staged:D (D sequential stages of L/D parallel branches)")]
    [DefaultValue("sequential")]
    public string Arch { get; init; } = "sequential";

    [CommandOption("--layers <L>")]
    [Description("Residual conv layers")]
    [DefaultValue(4)]
    public int Layers { get; init; } = 4;

    [CommandOption("--filters <F>")]
    [Description("Filters per conv layer")]
    [DefaultValue(32)]
    public int Filters { get; init; } = 32;

    [CommandOption("--kernel <K>")]
    [Description("Conv kernel size")]
    [DefaultValue(3)]
    public int Kernel { get; init; } = 3;

    [CommandOption("--activation <NAME>")]
    [Description("relu | tanh")]
    [DefaultValue("relu")]
    public string Activation { get; init; } = "relu";

    [CommandOption("--batch-norm <ON_OFF>")]
    [Description("on | off")]
    [DefaultValue("off")]
    public string BatchNorm { get; init; } = "off";

    [CommandOption("--optimizer <NAME>")]
    [Description("adam | adamw | sgd")]
    [DefaultValue("adam")]
    public string Optimizer { get; init; } = "adam";

    [CommandOption("--lr <X>")]
    [Description("Learning rate")]
    [DefaultValue(1e-3)]
    public double LearningRate { get; init; } = 1e-3;

    [CommandOption("--batch <B>")]
    [Description("Batch size")]
    [DefaultValue(128)]
    public int Batch { get; init; } = 128;

    [CommandOption("--epochs <E>")]
    [Description("Epochs in total (a resumed run counts the restored ones)")]
    [DefaultValue(2)]
    public int Epochs { get; init; } = 2;

    [CommandOption("--seed <S>")]
    [Description("Seeds the initial weights and each epoch's shuffle")]
    [DefaultValue(0L)]
    public long Seed { get; init; }

    [CommandOption("--subset <N>")]
    [Description("Train on N stratified samples (validation shrinks by the same share); default: everything")]
    public int? Subset { get; init; }

    [CommandOption("--threads <T>")]
    [Description("Torch intra-op threads (default: all cores)")]
    public int? Threads { get; init; }

    [CommandOption("--checkpoint-dir <DIR>")]
    [Description("Write a checkpoint after every epoch into DIR")]
    public string? CheckpointDir { get; init; }

    [CommandOption("--resume")]
    [Description("Continue from the newest valid checkpoint in --checkpoint-dir (an error when it holds none); --epochs may be raised to train further")]
    public bool Resume { get; init; }

    [CommandOption("--resume-if-any")]
    [Description("Like --resume, but start fresh when --checkpoint-dir holds no checkpoint")]
    public bool ResumeIfAny { get; init; }

    [CommandOption("--json")]
    [Description("One JSON object per line per epoch, and a final one")]
    public bool Json { get; init; }

    [CommandOption("--device <NAME>")]
    [Description("auto (cuda:0 when CUDA works, else cpu) | cpu | cuda:N | cuda (cuda:0, an error without CUDA)")]
    [DefaultValue("auto")]
    public string Device { get; init; } = "auto";

    /// <summary>The device choice, parsed (by <see cref="Validate"/> first).</summary>
    public DeviceChoice ParsedDevice() => DeviceChoice.Parse(Device);

    public override ValidationResult Validate()
    {
        var inherited = base.Validate();   // first: it reports options left without a value
        if (!inherited.Successful) return inherited;
        return FirstError() is { } error ? ValidationResult.Error(error) : ValidationResult.Success();
    }

    /// <summary>The model this configuration trains on <see cref="DatasetSettings.Dataset"/>.</summary>
    public ModelSpec Model()
    {
        Names.TryParse<Activation>(Activation, out var activation);
        return ModelSpec.For(Dataset, Layers, Filters, Kernel, activation,
            BatchNorm.Equals("on", StringComparison.OrdinalIgnoreCase), Architecture.Parse(Arch));
    }

    public TrainingSpec Training()
    {
        Names.TryParse<Optimizer>(Optimizer, out var optimizer);
        return new TrainingSpec(Model(), optimizer, LearningRate, Batch, Epochs, Seed, Threads ?? Environment.ProcessorCount);
    }

    private string? DeviceProblem()
    {
        try
        {
            var choice = DeviceChoice.Parse(Device);
            return choice.Listed.Count > 1 ? $"train uses one device, got {choice}" : null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    private string? FirstError()
    {
        if (Layers < 1) return $"--layers: must be at least 1, got {Layers}";
        if (Filters < 1) return $"--filters: must be at least 1, got {Filters}";
        if (ModelSpec.KernelProblem(Kernel) is { } kernel) return $"--kernel: {kernel}";
        if (!Architecture.TryParse(Arch, out var architecture, out var reason)) return $"--arch: {reason}";
        if (architecture.CannotArrange(Layers) is { } wiring) return $"--arch: {wiring}";
        if (!Names.TryParse<Activation>(Activation, out _))
            return $"--activation: '{Activation}' is not one of {Names.Known<Activation>()}";
        if (!Names.TryParse<OnOff>(BatchNorm, out _)) return $"--batch-norm: '{BatchNorm}' is not one of on|off";
        if (!Names.TryParse<Optimizer>(Optimizer, out _))
            return $"--optimizer: '{Optimizer}' is not one of {Names.Known<Optimizer>()}";
        if (!(LearningRate > 0 && double.IsFinite(LearningRate))) return $"--lr: must be a positive number, got {LearningRate}";
        if (Batch < 1) return $"--batch: must be at least 1, got {Batch}";
        if (Epochs < 1) return $"--epochs: must be at least 1, got {Epochs}";
        if (Subset is < 1) return $"--subset: must be at least 1, got {Subset}";
        if (Subset > Dataset.TrainSize) return $"--subset: {Subset} is more than {Dataset}'s {Dataset.TrainSize} training images";
        if (Threads is < 1) return $"--threads: must be at least 1, got {Threads}";
        if (Resume && string.IsNullOrWhiteSpace(CheckpointDir)) return "--resume: needs --checkpoint-dir";
        if (ResumeIfAny && string.IsNullOrWhiteSpace(CheckpointDir)) return "--resume-if-any: needs --checkpoint-dir";
        if (Resume && ResumeIfAny) return "--resume-if-any: give either --resume or --resume-if-any, not both";
        if (CheckpointDir is { Length: 0 }) return "--checkpoint-dir: must not be empty";
        if (CheckpointDir is { } folder && WritablePath.FolderError("--checkpoint-dir", folder) is { } unwritable) return unwritable;
        if (DeviceProblem() is { } device) return $"--device: {device}";
        return null;
    }
}
