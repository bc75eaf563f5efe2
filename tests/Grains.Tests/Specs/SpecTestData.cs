using OrleansSweep.Grains.Specs;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Grains.Tests.Specs;

/// <summary>Small specs the spec tests start from.</summary>
internal static class SpecTestData
{
    /// <summary>A valid spec: 2 datasets × 2 architectures × 2 layers × 2 filters × 2 replicates = 32 trials.</summary>
    public const string Minimal = """
        name: tiny
        seed: 11
        factors:
          dataset: [mnist, fashion-mnist]
          architecture: [sequential, parallel]
          layers: [2, 4]
          filters: [8, 16]
        replicates: 2
        """;

    public static SweepSpec Parse(string yaml)
    {
        var result = SweepSpecParser.Parse(yaml);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Spec;
    }

    /// <summary>A big grid: 172,800 configurations × <paramref name="replicates"/>, with every factor varied.</summary>
    public static SweepSpec Grid(int replicates, long? sample = null, long seed = 5) => Parse($"""
        name: big
        seed: {seed}
        factors:
          dataset: [mnist, fashion-mnist, cifar10]
          architecture: [sequential, parallel, "staged:2"]
          layers: [2, 4, 8, 16]
          filters: [8, 16, 32, 64, 128]
          kernel: [1, 3, 5, 7]
          activation: [relu, tanh]
          batchNorm: [false, true]
          optimizer: [adam, adamw, sgd]
          learningRate: [1e-1, 1e-2, 1e-3, 1e-4, 1e-5]
          batchSize: [16, 32, 64, 128]
        replicates: {replicates}
        {(sample is null ? "" : $"sample: {sample}")}
        """);
}
