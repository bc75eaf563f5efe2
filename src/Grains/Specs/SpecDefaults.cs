namespace OrleansSweep.Grains.Specs;

/// <summary>Values a spec may leave out (docs/sweep-spec.md lists them). Only name and factors.dataset are required.</summary>
public static class SpecDefaults
{
    public const long Seed = 0;
    public const int Epochs = 10;
    public const int Replicates = 1;
    public const int MaxAttempts = 3;
    public const double BackoffSeconds = 10;
    public const int LeaseTimeoutSeconds = 300;

    public static readonly IReadOnlyList<string> Architecture = ["sequential", "parallel"];
    public static readonly IReadOnlyList<int> Layers = [4];
    public static readonly IReadOnlyList<int> Filters = [16];
    public static readonly IReadOnlyList<int> Kernel = [3];
    public static readonly IReadOnlyList<string> Activation = ["relu"];
    public static readonly IReadOnlyList<bool> BatchNorm = [false];
    public static readonly IReadOnlyList<string> Optimizer = ["adam"];
    public static readonly IReadOnlyList<double> LearningRate = [1e-3];
    public static readonly IReadOnlyList<int> BatchSize = [128];
}
