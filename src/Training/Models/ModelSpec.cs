namespace OrleansSweep.Training.Models;

/// <summary>Everything that determines a <see cref="ResidualStackNet"/>'s shape and wiring.</summary>
public sealed record ModelSpec(
    int InChannels,
    int Classes,
    int Layers,
    int Filters,
    int Kernel,
    Activation Activation,
    bool BatchNorm,
    Architecture Architecture)
{
    /// <summary>Throws ArgumentException whose message names the offending field.</summary>
    public void Validate()
    {
        Require(InChannels >= 1, $"inChannels: must be >= 1, got {InChannels}");
        Require(Classes >= 2, $"classes: must be >= 2, got {Classes}");
        Require(Layers >= 1, $"layers: must be >= 1, got {Layers}");
        Require(Filters >= 1, $"filters: must be >= 1, got {Filters}");
        Require(Kernel >= 1, $"kernel: must be >= 1, got {Kernel}");
        Require(Enum.IsDefined(Activation), $"activation: unknown value {(int)Activation}");
        Require(Architecture is not null, "architecture: missing");
        if (Architecture!.Kind == ArchitectureKind.Staged)
        {
            Require(Architecture.Stages >= 1, $"architecture: {Architecture} needs at least one stage");
            Require(Layers % Architecture.Stages == 0, $"architecture: {Architecture} does not divide layers={Layers}");
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new ArgumentException(message);
    }
}
