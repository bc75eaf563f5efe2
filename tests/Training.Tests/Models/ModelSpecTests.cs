using OrleansSweep.Training.Models;
using OrleansSweep.Training.Tests.Sessions;

namespace OrleansSweep.Training.Tests.Models;

public sealed class ModelSpecTests
{
    [Fact]
    public void Validate_AcceptsAStageCountThatDividesTheLayers() =>
        Specs.Model("staged:2", layers: 4).Validate();

    [Fact]
    public void Validate_RejectsAStageCountThatDoesNotDivideTheLayers()
    {
        var error = Assert.Throws<ArgumentException>(() => Specs.Model("staged:3", layers: 4).Validate());

        Assert.Equal("architecture: staged:3 does not divide layers=4", error.Message);
    }

    [Theory]
    [InlineData(0, 4, 3, 3, "layers:")]
    [InlineData(2, 0, 3, 3, "filters:")]
    [InlineData(2, 4, 0, 3, "kernel:")]
    [InlineData(2, 4, 3, 1, "classes:")]
    public void Validate_NamesTheBadField(int layers, int filters, int kernel, int classes, string field)
    {
        var spec = Specs.Model(layers: layers, filters: filters, kernel: kernel, classes: classes);

        var error = Assert.Throws<ArgumentException>(spec.Validate);

        Assert.StartsWith(field, error.Message);
    }
}
