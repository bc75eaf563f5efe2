using System.Collections.Immutable;
using OrleansSweep.Client.Results;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using OrleansSweep.Training.Sessions;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Client.Tests.Results;

/// <summary>Small hand-made sweeps: specs, trial summaries and result rows with chosen losses.</summary>
internal static class SweepFixtures
{
    public static SweepSpec Spec(int? subset = null, long seed = 7) => new(
        "fixture", seed, new DataOptions(subset, null, ImmutableSortedDictionary<string, string>.Empty),
        new SweepFactors([Dataset.Mnist], [Architecture.Sequential, Architecture.Parallel], [2], [8], [3], [Activation.Relu], [false], [Optimizer.Adam], [0.001], [32]),
        Epochs: 2, Replicates: 1, Sample: null, Retry: new RetryPolicy(2, 1), LeaseTimeoutSeconds: 60);

    public static TrialConfig Config(long index, string dataset = "mnist", string architecture = "sequential",
        int layers = 2, int replicate = 0, long seed = 100) =>
        new(index, Dataset.Parse(dataset), Architecture.Parse(architecture), layers, 8, 3, Activation.Relu, false, Optimizer.Adam, 0.001, 32, replicate, seed);

    public static TrialSummary Completed(long index, double trainLoss, double valLoss, long parameters = 300_000,
        string dataset = "mnist", string architecture = "sequential", long seed = 100, int layers = 2, int replicate = 0) =>
        new(index, Config(index, dataset, architecture, layers, replicate, seed), TrialStatus.Completed, 1,
            new TrialOutcome(TrialStatus.Completed, 2, Epoch(2, trainLoss, valLoss), valLoss, parameters, null));

    public static EpochMetrics Epoch(int epoch, double trainLoss, double valLoss, double seconds = 1.5) =>
        new(epoch, trainLoss, 0.9, valLoss, 0.8, seconds, 1000);

    /// <summary>A row built the way the CLI builds it; Q from 60,000 samples × 10 classes ÷ parameters (2 by default).</summary>
    public static ResultRow Row(long index, double trainLoss, double valLoss, long parameters = 300_000,
        string dataset = "mnist", string architecture = "sequential", long seed = 100, int layers = 2, int replicate = 0) =>
        ResultRows.From(Spec(), Completed(index, trainLoss, valLoss, parameters, dataset, architecture, seed, layers, replicate), null);

    public static ResultRow WithStatus(ResultRow row, TrialStatus status) => row with { Status = status };
}
