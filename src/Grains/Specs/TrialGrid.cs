using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Grains.Specs;

/// <summary>
/// The trials of a sweep, derived on demand: trial index ↔ configuration by mixed-radix order over the factors, in
/// O(1) memory whatever the grid size. Digits, slowest first: replicate, then the factors in
/// <see cref="SpecSchema.Factors"/> order with architecture moved last, so architecture varies fastest and the twins
/// of a configuration sit at adjacent indices. With <c>sample: N</c> the sweep is the first N trials of a seeded
/// permutation of the grid that moves whole architecture groups, so twins stay adjacent: trial i is architecture
/// i mod A of the (i div A)-th sampled configuration (A = number of architectures).
/// </summary>
public sealed class TrialGrid
{
    private const int Replicate = 0, DatasetDigit = 1, Layers = 2, Filters = 3, Kernel = 4, ActivationDigit = 5,
        BatchNorm = 6, OptimizerDigit = 7, LearningRate = 8, BatchSize = 9, ArchitectureDigit = 10, Digits = 11;

    private readonly SweepSpec spec;
    private readonly int[] radices;
    private readonly int architectures;
    private readonly IndexPermutation? sample;

    /// <exception cref="ArgumentException">The spec breaks a rule <see cref="SweepSpecParser"/> enforces.</exception>
    public TrialGrid(SweepSpec spec)
    {
        this.spec = spec;
        radices = Radices(spec);
        if (radices.Any(r => r < 1))
            throw new ArgumentException("every factor and the replicates need at least one value", nameof(spec));
        GridSize = TrySize(spec) ?? throw new ArgumentException("the grid has more than 2^63 trials", nameof(spec));
        architectures = radices[ArchitectureDigit];
        Count = spec.Sample ?? GridSize;
        if (Count < 1 || Count > GridSize)
            throw new ArgumentException($"sample {Count} is outside 1..{GridSize}", nameof(spec));
        if (spec.Sample is not null)
            sample = new IndexPermutation(GridSize / architectures, spec.Seed);
    }

    /// <summary>Every configuration × replicate.</summary>
    public long GridSize { get; }

    /// <summary>Trials in the sweep: the sample size, or <see cref="GridSize"/>.</summary>
    public long Count { get; }

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

    /// <summary>The trial at <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>).</summary>
    public TrialConfig At(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var gridIndex = sample is null
            ? index
            : sample.Apply(index / architectures) * architectures + index % architectures;
        Span<int> digit = stackalloc int[Digits];
        for (var d = Digits - 1; d >= 0; d--)
        {
            digit[d] = (int)(gridIndex % radices[d]);
            gridIndex /= radices[d];
        }
        var f = spec.Factors;
        var config = new TrialConfig(index, f.Dataset[digit[DatasetDigit]], f.Architecture[digit[ArchitectureDigit]],
            f.Layers[digit[Layers]], f.Filters[digit[Filters]], f.Kernel[digit[Kernel]],
            f.Activation[digit[ActivationDigit]], f.BatchNorm[digit[BatchNorm]], f.Optimizer[digit[OptimizerDigit]],
            f.LearningRate[digit[LearningRate]], f.BatchSize[digit[BatchSize]], digit[Replicate], Seed: 0);
        return config with { Seed = SeedOf(spec.Seed, config) };
    }

    /// <summary>The first <paramref name="count"/> trials (fewer if the sweep is smaller), computed lazily.</summary>
    public IEnumerable<TrialConfig> Take(long count)
    {
        for (long i = 0; i < Math.Min(count, Count); i++)
            yield return At(i);
    }

    /// <summary>
    /// A trial's seed = SHA-256 of (sweep seed, every factor value except architecture, replicate): the sequential and
    /// parallel twins of a configuration get the same seed, hence the same initial weights and batch order (common
    /// random numbers). It does not depend on the trial index, so sampling or adding values to a factor leaves existing
    /// configurations' seeds unchanged. Changing this function changes every seed: don't. Non-negative.
    /// </summary>
    internal static long SeedOf(long sweepSeed, TrialConfig config)
    {
        var canonical = string.Join('|',
            "trial-seed-v1",
            Invariant(sweepSeed),
            config.Dataset.Name,
            Invariant(config.Layers),
            Invariant(config.Filters),
            Invariant(config.Kernel),
            Names.Of(config.Activation),
            config.BatchNorm ? "bn" : "no-bn",
            Names.Of(config.Optimizer),
            config.LearningRate.ToString("R", CultureInfo.InvariantCulture),
            Invariant(config.BatchSize),
            Invariant(config.Replicate));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
        return BinaryPrimitives.ReadInt64LittleEndian(hash) & long.MaxValue;
    }

    private static int[] Radices(SweepSpec spec)
    {
        var f = spec.Factors;
        return
        [
            spec.Replicates, f.Dataset.Length, f.Layers.Length, f.Filters.Length, f.Kernel.Length,
            f.Activation.Length, f.BatchNorm.Length, f.Optimizer.Length, f.LearningRate.Length, f.BatchSize.Length,
            f.Architecture.Length,
        ];
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
