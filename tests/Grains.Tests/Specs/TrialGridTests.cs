using OrleansSweep.Grains.Specs;

namespace OrleansSweep.Grains.Tests.Specs;

public sealed class TrialGridTests
{
    private static readonly TrialGrid Big = new(SpecTestData.Grid(replicates: 2));

    [Fact]
    public void Count_is_the_product_of_the_factor_sizes_and_replicates() =>
        Assert.Equal(3L * 3 * 4 * 5 * 4 * 2 * 2 * 3 * 5 * 4 * 2, Big.Count);

    [Fact]
    public void Index_of_trial_at_i_is_i_over_a_range_and_random_indices()
    {
        var random = new Random(17);
        var indices = Enumerable.Range(0, 5_000).Select(i => (long)i)
            .Concat(Enumerable.Range(0, 5_000).Select(_ => random.NextInt64(Big.Count)))
            .Append(Big.Count - 1);
        foreach (var i in indices)
        {
            var trial = Big.At(i);
            Assert.Equal(i, trial.Index);
            Assert.Equal(i, Big.IndexOf(trial));
        }
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

        Assert.Equal(["sequential", "parallel", "staged:2", "sequential"], first.Select(t => t.Architecture));
        Assert.Equal([16, 16, 16, 32], first.Select(t => t.BatchSize));
        Assert.All(first, t => Assert.Equal(("mnist", 2, 8, 1, 0), (t.Dataset, t.Layers, t.Filters, t.Kernel, t.Replicate)));
        Assert.Equal(1, Big.At(Big.Count / 2).Replicate);
        Assert.Equal(0, Big.At(Big.Count / 2 - 1).Replicate);
    }

    [Fact]
    public void A_configuration_outside_the_grid_has_no_index()
    {
        var trial = Big.At(123);

        Assert.Equal(-1, Big.IndexOf(trial with { Layers = 3 }));
        Assert.Equal(-1, Big.IndexOf(trial with { Replicate = 2 }));
        Assert.Equal(-1, Big.IndexOf(trial with { Architecture = "staged:4" }));
        Assert.Equal(123, Big.IndexOf(trial with { Index = 999, Seed = 1 }));
    }

    [Fact]
    public void Indices_outside_the_sweep_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Big.At(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Big.At(Big.Count));
    }
}
