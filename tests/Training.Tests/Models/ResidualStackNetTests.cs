using OrleansSweep.Training.Models;
using OrleansSweep.Training.Tests.Sessions;
using static TorchSharp.torch;

namespace OrleansSweep.Training.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class ResidualStackNetTests
{
    private static readonly string[] AllArchitectures = ["sequential", "parallel", "staged:2", "staged:4"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ParameterCount_IsTheSameForEveryArchitectureAndMatchesTheFormula(bool batchNorm)
    {
        const int inChannels = 1, classes = 3, layers = 4, filters = 5, kernel = 3;
        var stem = inChannels * filters * 3 * 3 + filters;
        var branch = filters * filters * kernel * kernel + filters + (batchNorm ? 2 * filters : 0);
        var head = filters * classes + classes;
        var expected = stem + layers * branch + head;

        foreach (var architecture in AllArchitectures)
        {
            using var model = ModelFactory.Create(
                Specs.Model(architecture, layers, filters, batchNorm, classes: classes, kernel: kernel), seed: 1);
            Assert.Equal(expected, ModelFactory.CountParameters(model));
        }
    }

    [Fact]
    public void OneSeed_GivesIdenticalInitialStateDictsForEveryArchitecture()
    {
        using var reference = ModelFactory.Create(Specs.Model("sequential", layers: 4), seed: 11);
        foreach (var architecture in AllArchitectures[1..])
        {
            using var other = ModelFactory.Create(Specs.Model(architecture, layers: 4), seed: 11);
            TorchAssert.StateDictsEqual(reference, other);
        }

        using var otherSeed = ModelFactory.Create(Specs.Model("sequential", layers: 4), seed: 12);
        Assert.False(TorchAssert.Same(reference.state_dict()["branches.0.conv.weight"], otherSeed.state_dict()["branches.0.conv.weight"]));
    }

    [Fact]
    public void OneLayer_GivesIdenticalOutputsForEveryArchitecture()
    {
        using var input = Input();
        using var sequential = Output("sequential", layers: 1, input);
        using var parallel = Output("parallel", layers: 1, input);
        using var staged = Output("staged:1", layers: 1, input);

        Assert.True(TorchAssert.Same(sequential, parallel));
        Assert.True(TorchAssert.Same(sequential, staged));
    }

    [Fact]
    public void StagedExtremes_AreTheParallelAndSequentialNets_AndTheyDiffer()
    {
        using var input = Input();
        using var sequential = Output("sequential", layers: 4, input);
        using var parallel = Output("parallel", layers: 4, input);
        using var stagedOne = Output("staged:1", layers: 4, input);
        using var stagedAll = Output("staged:4", layers: 4, input);
        using var stagedTwo = Output("staged:2", layers: 4, input);

        Assert.True(TorchAssert.Same(stagedOne, parallel));
        Assert.True(TorchAssert.Same(stagedAll, sequential));
        Assert.False(sequential.allclose(parallel));
        Assert.False(stagedTwo.allclose(parallel));
        Assert.False(stagedTwo.allclose(sequential));
    }

    private static Tensor Input()
    {
        using var generator = new Generator(3);
        return randn([8, 1, 12, 12], generator: generator);
    }

    private static Tensor Output(string architecture, int layers, Tensor input)
    {
        using var model = ModelFactory.Create(Specs.Model(architecture, layers, batchNorm: true), seed: 5);
        model.eval();
        using var noGrad = no_grad();
        return model.forward(input);
    }
}
