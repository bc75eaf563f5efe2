using OrleansSweep.Training.Vocabulary;

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
    /// <summary>The model of <paramref name="layers"/> residual branches for <paramref name="dataset"/>'s images and classes.</summary>
    public static ModelSpec For(Dataset dataset, int layers, int filters, int kernel, Activation activation, bool batchNorm,
        Architecture architecture) =>
        new(dataset.Channels, dataset.Classes, layers, filters, kernel, activation, batchNorm, architecture);

    /// <summary>Why <paramref name="kernel"/> cannot be a residual branch's kernel, or null. 'Same' padding keeps the
    /// shape a residual sum needs only for odd kernels (one rule for specs and the <c>train</c> command).</summary>
    public static string? KernelProblem(int kernel) =>
        kernel < 1 ? $"must be at least 1, got {kernel}"
        : kernel % 2 == 0 ? $"must be odd so 'same' padding keeps the shape, got {kernel}"
        : null;

    /// <summary>Throws ArgumentException whose message names the offending field.</summary>
    public void Validate()
    {
        Require(InChannels >= 1, $"inChannels: must be >= 1, got {InChannels}");
        Require(Classes >= 2, $"classes: must be >= 2, got {Classes}");
        Require(Layers >= 1, $"layers: must be >= 1, got {Layers}");
        Require(Filters >= 1, $"filters: must be >= 1, got {Filters}");
        if (KernelProblem(Kernel) is { } kernel) throw new ArgumentException($"kernel: {kernel}");
        Require(Enum.IsDefined(Activation), $"activation: unknown value {(int)Activation}");
        Require(Architecture is not null, "architecture: missing");
        Require(Architecture!.Kind != ArchitectureKind.Staged || Architecture.Stages >= 1, $"architecture: {Architecture} needs at least one stage");
        if (Architecture.CannotArrange(Layers) is { } wiring) throw new ArgumentException($"architecture: {wiring}");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new ArgumentException(message);
    }
}
