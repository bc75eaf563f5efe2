using OrleansSweep.Grains.Sweeps;

namespace OrleansSweep.Grains.Specs;

/// <summary>
/// The mixed-radix digits of a trial's grid index, slowest first: replicate, then the factors in
/// <see cref="SpecVocabulary.Factors"/> order with architecture moved last, so architecture varies fastest and
/// the twins of a configuration sit at adjacent indices.
/// </summary>
internal static class GridShape
{
    public const int Replicate = 0, Dataset = 1, Layers = 2, Filters = 3, Kernel = 4, Activation = 5,
        BatchNorm = 6, Optimizer = 7, LearningRate = 8, BatchSize = 9, Architecture = 10, Digits = 11;

    public static int[] Radices(SweepSpec spec)
    {
        var f = spec.Factors;
        return
        [
            spec.Replicates, f.Dataset.Length, f.Layers.Length, f.Filters.Length, f.Kernel.Length,
            f.Activation.Length, f.BatchNorm.Length, f.Optimizer.Length, f.LearningRate.Length, f.BatchSize.Length,
            f.Architecture.Length,
        ];
    }

    /// <summary>Configurations × replicates, or null when that overflows a long.</summary>
    public static long? TrySize(SweepSpec spec)
    {
        try
        {
            return Radices(spec).Aggregate(1L, (size, radix) => checked(size * radix));
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
