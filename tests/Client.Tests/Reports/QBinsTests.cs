using OrleansSweep.Client.Reports.Statistics;

namespace OrleansSweep.Client.Tests.Reports;

public sealed class QBinsTests
{
    [Theory]
    [InlineData(0.001, "0-1")]
    [InlineData(0.999999, "0-1")]
    [InlineData(1.0, "1-3")]
    [InlineData(2.999999, "1-3")]
    [InlineData(3.0, "3-10")]
    [InlineData(9.999999, "3-10")]
    [InlineData(10.0, "10+")]
    [InlineData(1e6, "10+")]
    public void Lower_edges_are_inclusive(double q, string bin) => Assert.Equal(bin, QBins.Of(q));

    [Fact]
    public void Q_is_samples_times_classes_over_parameters()
    {
        Assert.Equal(1.0, QBins.Q(60_000, 10, 600_000));
        Assert.Equal(0.5, QBins.Q(50_000, 10, 1_000_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => QBins.Q(60_000, 10, 0));
    }

    [Fact]
    public void Bins_are_listed_in_ascending_order() => Assert.Equal(["0-1", "1-3", "3-10", "10+"], QBins.All);
}
