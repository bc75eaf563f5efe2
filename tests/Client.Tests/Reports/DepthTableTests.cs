using OrleansSweep.Client.Reports;
using static OrleansSweep.Client.Tests.Results.SweepFixtures;

namespace OrleansSweep.Client.Tests.Reports;

public sealed class DepthTableTests
{
    [Theory]
    [InlineData("sequential", 4, 4)]
    [InlineData("parallel", 4, 1)]
    [InlineData("staged:2", 4, 2)]
    public void Depth_is_L_for_sequential_1_for_parallel_and_d_for_staged(string architecture, int layers, int depth) =>
        Assert.Equal(depth, Depth.Of(Row(0, 0.1, 0.2, architecture: architecture, layers: layers)));

    [Fact]
    public void Table_averages_per_dataset_L_and_depth()
    {
        var rows = new[]
        {
            Row(0, 0.2, 0.4, layers: 4), Row(1, 0.4, 0.6, layers: 4, seed: 2),
            Row(2, 0.3, 0.5, architecture: "staged:2", layers: 4),
            Row(3, 0.1, 0.3, architecture: "parallel", layers: 4),
        };

        var table = DepthTable.Build(rows);

        Assert.Equal([(1, 1, 0.3), (2, 1, 0.5), (4, 2, 0.5)], table.Select(c => (c.Depth, c.Trials, Math.Round(c.MeanValLoss, 12))));
        Assert.All(table, c => Assert.Equal(("mnist", 4), (c.Dataset, c.Layers)));
    }

    [Fact]
    public void Table_is_empty_without_a_staged_arm() =>
        Assert.Empty(DepthTable.Build([Row(0, 0.2, 0.4), Row(1, 0.1, 0.3, architecture: "parallel")]));
}
