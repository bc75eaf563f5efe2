using static OrleansSweep.Grains.Specs.GridShape;

namespace OrleansSweep.Grains.Specs;

/// <summary>
/// The trials of a sweep, derived on demand: trial index ↔ configuration by mixed-radix order (see
/// <see cref="GridShape"/>: replicate slowest, architecture fastest), in O(1) memory whatever the grid size.
/// With <c>sample: N</c> the sweep is the first N trials of a seeded permutation of the grid that moves whole
/// architecture groups, so twins stay adjacent: trial i is architecture i mod A of the (i div A)-th sampled
/// configuration (A = number of architectures).
/// </summary>
public sealed class TrialGrid
{
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
        architectures = radices[Architecture];
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
        var config = new TrialConfig(index, f.Dataset[digit[Dataset]], f.Architecture[digit[Architecture]],
            f.Layers[digit[Layers]], f.Filters[digit[Filters]], f.Kernel[digit[Kernel]],
            f.Activation[digit[Activation]], f.BatchNorm[digit[BatchNorm]], f.Optimizer[digit[Optimizer]],
            f.LearningRate[digit[LearningRate]], f.BatchSize[digit[BatchSize]], digit[Replicate], Seed: 0);
        return config with { Seed = TrialSeeds.Derive(spec.Seed, config) };
    }

    /// <summary>The index of the trial with <paramref name="config"/>'s factor values and replicate (its Index
    /// and Seed are ignored), or -1 when the sweep has no such trial.</summary>
    public long IndexOf(TrialConfig config)
    {
        var f = spec.Factors;
        Span<int> digit =
        [
            config.Replicate < spec.Replicates && config.Replicate >= 0 ? config.Replicate : -1,
            f.Dataset.IndexOf(config.Dataset), f.Layers.IndexOf(config.Layers), f.Filters.IndexOf(config.Filters),
            f.Kernel.IndexOf(config.Kernel), f.Activation.IndexOf(config.Activation),
            f.BatchNorm.IndexOf(config.BatchNorm), f.Optimizer.IndexOf(config.Optimizer),
            f.LearningRate.IndexOf(config.LearningRate), f.BatchSize.IndexOf(config.BatchSize),
            f.Architecture.IndexOf(config.Architecture),
        ];
        long gridIndex = 0;
        for (var d = 0; d < Digits; d++)
        {
            if (digit[d] < 0)
                return -1;
            gridIndex = gridIndex * radices[d] + digit[d];
        }
        if (sample is null)
            return gridIndex;
        var index = sample.Invert(gridIndex / architectures) * architectures + gridIndex % architectures;
        return index < Count ? index : -1;
    }

    /// <summary>The first <paramref name="count"/> trials (fewer if the sweep is smaller), computed lazily.</summary>
    public IEnumerable<TrialConfig> Take(long count)
    {
        for (long i = 0; i < Math.Min(count, Count); i++)
            yield return At(i);
    }
}
