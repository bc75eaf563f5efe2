using TorchSharp;
using static TorchSharp.torch;

namespace OrleansSweep.Training.Models;

/// <summary>Builds models reproducibly: the same (spec minus architecture, seed) gives the same weights.</summary>
public static class ModelFactory
{
    // torch's default generator is process-wide: seeding and initialising must not interleave across threads.
    private static readonly Lock InitLock = new();

    /// <summary>Creates the model on the CPU with weights drawn from torch's generator seeded by <paramref name="seed"/>.</summary>
    public static ResidualStackNet Create(ModelSpec spec, long seed)
    {
        spec.Validate();
        lock (InitLock)
        {
            random.manual_seed(seed);
            return new ResidualStackNet(spec);
        }
    }

    /// <summary>The number of trainable scalars (parameters, not buffers such as batch-norm running stats).</summary>
    public static long CountParameters(nn.Module module) =>
        module.parameters().Sum(p => p.numel());
}
