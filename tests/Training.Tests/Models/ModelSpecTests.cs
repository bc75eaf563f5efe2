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

        Assert.Equal("architecture: staged:3 does not divide layers=4 (d stages need L/d branches each)", error.Message);
    }

    [Theory]
    [InlineData(4, "kernel: must be odd so 'same' padding keeps the shape, got 4")]
    [InlineData(0, "kernel: must be at least 1, got 0")]
    public void Validate_RejectsKernelsThatCannotKeepTheShape(int kernel, string message) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => Specs.Model(kernel: kernel).Validate()).Message);

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
