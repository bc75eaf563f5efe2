using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Grains.Specs;

/// <summary>
/// The keys a spec may use and the values of those it may leave out (docs/sweep-spec.md lists both). Only name and
/// factors.dataset are required. Factor values themselves are the training core's vocabulary.
/// </summary>
public static class SpecSchema
{
    public static readonly IReadOnlyList<string> TopLevelKeys =
        ["name", "seed", "data", "factors", "epochs", "replicates", "sample", "retry", "leaseTimeoutSeconds"];

    public static readonly IReadOnlyList<string> DataKeys = ["subset", "root", "dirs"];

    public static readonly IReadOnlyList<string> RetryKeys = ["maxAttempts", "backoffSeconds"];

    /// <summary>Factor keys in the order specs, plans and docs list them.</summary>
    public static readonly IReadOnlyList<string> Factors =
    [
        "dataset", "architecture", "layers", "filters", "kernel", "activation", "batchNorm", "optimizer",
        "learningRate", "batchSize",
    ];

    public const long Seed = 0;
    public const int Epochs = 10;
    public const int Replicates = 1;
    public const int MaxAttempts = 3;
    public const double BackoffSeconds = 10;
    public const int LeaseTimeoutSeconds = 300;

    public static readonly IReadOnlyList<Architecture> Architecture = [Training.Vocabulary.Architecture.Sequential, Training.Vocabulary.Architecture.Parallel];
    public static readonly IReadOnlyList<int> Layers = [4];
    public static readonly IReadOnlyList<int> Filters = [16];
    public static readonly IReadOnlyList<int> Kernel = [3];
    public static readonly IReadOnlyList<Activation> Activation = [Training.Vocabulary.Activation.Relu];
    public static readonly IReadOnlyList<bool> BatchNorm = [false];
    public static readonly IReadOnlyList<Optimizer> Optimizer = [Training.Vocabulary.Optimizer.Adam];
    public static readonly IReadOnlyList<double> LearningRate = [1e-3];
    public static readonly IReadOnlyList<int> BatchSize = [128];
}
