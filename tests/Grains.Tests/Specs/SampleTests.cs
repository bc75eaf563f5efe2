using OrleansSweep.Grains.Specs;
using OrleansSweep.Training.Vocabulary;
using OrleansSweep.Wire;

namespace OrleansSweep.Grains.Tests.Specs;

public sealed class SampleTests
{
    private const int N = 2_000;

    [Fact]
    public void A_sample_is_N_distinct_grid_trials_and_round_trips()
    {
        var full = new TrialGrid(SpecTestData.Grid(replicates: 1));
        var sampled = new TrialGrid(SpecTestData.Grid(replicates: 1, sample: N));

        var trials = sampled.Take(long.MaxValue).ToList();

        Assert.Equal(N, sampled.Count);
        Assert.Equal(N, trials.Count);
        var gridIndex = GridIndex(full);
        var gridIndices = trials.Select(t => gridIndex[Key(t)]).ToList();
        Assert.Equal(N, gridIndices.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, N).Select(i => (long)i), trials.Select(t => t.Index));
        Assert.All(trials, t => Assert.Equal(t.Seed, full.At(gridIndex[Key(t)]).Seed));
    }

    [Fact]
    public void A_sample_is_deterministic_per_seed_and_differs_across_seeds()
    {
        var first = Configs(new TrialGrid(SpecTestData.Grid(1, sample: 300, seed: 5)));
        var again = Configs(new TrialGrid(SpecTestData.Grid(1, sample: 300, seed: 5)));
        var other = Configs(new TrialGrid(SpecTestData.Grid(1, sample: 300, seed: 6)));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.True(first.Intersect(other).Count() < 30, "different seeds should draw mostly different trials");
    }

    [Fact]
    public void A_sample_spreads_over_the_grid_rather_than_taking_its_start()
    {
        var full = new TrialGrid(SpecTestData.Grid(replicates: 1));
        var sampled = new TrialGrid(SpecTestData.Grid(replicates: 1, sample: N));

        var gridIndex = GridIndex(full);
        var gridIndices = sampled.Take(N).Select(t => gridIndex[Key(t)]).ToList();

        // A uniform sample puts about a tenth of its indices in each tenth of the grid.
        var perTenth = gridIndices.GroupBy(g => g * 10 / full.Count).Select(g => g.Count()).ToList();
        Assert.Equal(10, perTenth.Count);
        Assert.All(perTenth, count => Assert.InRange(count, N / 10 / 2, N / 10 * 2));
    }

    [Fact]
    public void A_sample_keeps_architecture_twins_adjacent()
    {
        var sampled = new TrialGrid(SpecTestData.Grid(replicates: 1, sample: 300));

        foreach (var group in sampled.Take(300).Chunk(3))
        {
            Assert.Equal(["sequential", "parallel", "staged:2"], group.Select(t => t.Architecture.ToString()));
            Assert.Single(group.Select(t => t with { Index = 0, Architecture = Architecture.Parallel }).Distinct());
        }
    }

    [Fact]
    public void Sampling_a_huge_grid_does_not_materialise_it()
    {
        // 172,800 configurations × 10^6 replicates = 1.7e11 trials: a list of them could not exist.
        var spec = SpecTestData.Grid(replicates: 1_000_000, sample: 1_000);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var grid = new TrialGrid(spec);
        var trials = grid.Take(1_000).ToList();

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.Equal(172_800_000_000, grid.GridSize);
        Assert.Equal(1_000, trials.Select(Key).Distinct().Count());
        Assert.True(allocated < 5_000_000, $"allocated {allocated:N0} bytes for 1,000 trials");
    }

    private static List<string> Configs(TrialGrid grid) => grid.Take(grid.Count).Select(Key).ToList();

    /// <summary>A trial's factor values and replicate: what identifies its configuration (not its index or seed).</summary>
    private static string Key(TrialConfig t) => $"{t.Dataset}/{t.Architecture}/{t.Layers}/{t.Filters}/{t.Kernel}/"
        + $"{t.Activation}/{t.BatchNorm}/{t.Optimizer}/{t.LearningRate}/{t.BatchSize}/{t.Replicate}";

    /// <summary>Where each configuration sits in the full grid, by enumerating it (small grids only).</summary>
    private static Dictionary<string, long> GridIndex(TrialGrid full) =>
        full.Take(full.Count).Select((t, i) => (Key(t), (long)i)).ToDictionary(x => x.Item1, x => x.Item2);
}
