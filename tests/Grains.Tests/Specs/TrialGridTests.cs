using OrleansSweep.Grains.Specs;

namespace OrleansSweep.Grains.Tests.Specs;

public sealed class TrialGridTests
{
    private static readonly TrialGrid Big = new(SpecTestData.Grid(replicates: 2));

    [Fact]
    public void Count_is_the_product_of_the_factor_sizes_and_replicates() =>
        Assert.Equal(3L * 3 * 4 * 5 * 4 * 2 * 2 * 3 * 5 * 4 * 2, Big.Count);

    [Fact]
    public void Trials_at_distinct_indices_are_distinct_configurations_over_a_range_and_random_indices()
    {
        var random = new Random(17);
        var indices = Enumerable.Range(0, 5_000).Select(i => (long)i)
            .Concat(Enumerable.Range(0, 5_000).Select(_ => random.NextInt64(Big.Count)))
            .Append(Big.Count - 1)
            .Distinct()
            .ToList();
        var trials = indices.Select(Big.At).ToList();

        Assert.Equal(indices, trials.Select(t => t.Index));
        Assert.Equal(indices.Count, trials.Select(t => t with { Index = 0, Seed = 0 }).Distinct().Count());
    }

    [Fact]
    public void Every_trial_in_a_small_grid_is_a_distinct_configuration()
    {
        var grid = new TrialGrid(SpecTestData.Parse(SpecTestData.Minimal));
        var configs = grid.Take(long.MaxValue).Select(t => t with { Index = 0, Seed = 0 }).ToList();

        Assert.Equal(32, configs.Count);
        Assert.Equal(32, configs.Distinct().Count());
    }

    [Fact]
    public void Architecture_varies_fastest_then_batch_size_and_replicate_slowest()
    {
        var first = Big.Take(4).ToList();

        Assert.Equal(["sequential", "parallel", "staged:2", "sequential"], first.Select(t => t.Architecture.ToString()));
        Assert.Equal([16, 16, 16, 32], first.Select(t => t.BatchSize));
        Assert.All(first, t => Assert.Equal(("mnist", 2, 8, 1, 0), (t.Dataset.Name, t.Layers, t.Filters, t.Kernel, t.Replicate)));
        Assert.Equal(1, Big.At(Big.Count / 2).Replicate);
        Assert.Equal(0, Big.At(Big.Count / 2 - 1).Replicate);
    }

    [Fact]
    public void Indices_outside_the_sweep_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Big.At(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Big.At(Big.Count));
    }
}
