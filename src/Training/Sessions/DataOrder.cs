using static TorchSharp.torch;

namespace OrleansSweep.Training.Sessions;

/// <summary>
/// The shuffle order of an epoch depends only on (seed, epoch), so an interrupted epoch replays exactly and a
/// checkpoint needs no generator state beyond the seed and the epoch counter.
/// </summary>
internal static class DataOrder
{
    public const string Scheme = "randperm(cpu generator seeded with splitmix64(seed ^ epoch * golden))";

    /// <summary>A permutation of 0..count-1 (int64, on the CPU) for the 1-based <paramref name="epoch"/>.</summary>
    public static Tensor Permutation(long seed, int epoch, long count)
    {
        using var generator = new Generator(EpochSeed(seed, epoch));
        return randperm(count, generator: generator);
    }

    // SplitMix64 finaliser: neighbouring (seed, epoch) pairs get unrelated generator seeds.
    internal static ulong EpochSeed(long seed, int epoch)
    {
        var z = unchecked((ulong)seed ^ ((ulong)epoch * 0x9E3779B97F4A7C15UL));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
