namespace OrleansSweep.Grains.Specs;

/// <summary>The keys a spec may use and the names its factors accept (canonical spelling, lower case).</summary>
public static class SpecVocabulary
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

    public static readonly IReadOnlyList<string> Datasets = ["mnist", "fashion-mnist", "cifar10"];

    public static readonly IReadOnlyList<string> Activations = ["relu", "tanh"];

    public static readonly IReadOnlyList<string> Optimizers = ["adam", "adamw", "sgd"];
}
