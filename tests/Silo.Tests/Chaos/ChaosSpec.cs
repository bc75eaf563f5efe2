using OrleansSweep.Grains.Specs;
using OrleansSweep.Wire;

namespace OrleansSweep.Silo.Tests.Chaos;

/// <summary>24 tiny real trials × 4 epochs: 2 architectures × 2 activations × 3 learning rates × 2 replicates, 300 images.</summary>
public static class ChaosSpec
{
    public const int Trials = 24;
    public const int Epochs = 4;

    /// <summary>The same seed and factors under any name: trials are a function of those, not of the sweep's name.</summary>
    public static SweepSpec Named(string name) => SweepSpecParser.Parse($$"""
        name: {{name}}
        seed: 23
        data: { subset: 300 }
        factors:
          dataset: [fashion-mnist]
          architecture: [sequential, parallel]
          layers: [2]
          filters: [4]
          kernel: [3]
          activation: [relu, tanh]
          batchNorm: [false]
          optimizer: [adam]
          learningRate: [1e-2, 3e-3, 1e-3]
          batchSize: [32]
        replicates: 2
        epochs: {{Epochs}}
        retry: { maxAttempts: 3, backoffSeconds: 0.2 }
        leaseTimeoutSeconds: 5
        """).Spec ?? throw new InvalidOperationException("the chaos spec is invalid");
}
