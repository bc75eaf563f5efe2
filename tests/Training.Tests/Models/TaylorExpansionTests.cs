using OrleansSweep.Training.Models;
using OrleansSweep.Training.Tests.Sessions;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Tests.Models;

/// <summary>
/// The paper's premise: with every branch scaled by eps, the sequential net equals the parallel one up to the
/// second-order terms of its Taylor expansion, so their difference shrinks like eps^2 (halving eps quarters it).
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class TaylorExpansionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Relu)]
    public void SequentialMinusParallel_ShrinksQuadraticallyWithBranchScale(Activation activation)
    {
        using var generator = new Generator(9);
        using var input = randn([4, 1, 12, 12], ScalarType.Float64, generator: generator);

        var coarse = Difference(activation, 0.02, input);
        var fine = Difference(activation, 0.01, input);

        Assert.True(coarse > 1e-9, $"difference {coarse} too small to measure");
        var ratio = coarse / fine;
        output.WriteLine($"{activation}: diff(0.02) = {coarse:E3}, diff(0.01) = {fine:E3}, ratio {ratio:F4}");
        Assert.InRange(ratio, 3.0, 5.0);
    }

    private static double Difference(Activation activation, double eps, Tensor input)
    {
        using var sequential = ScaledModel("sequential", activation, eps);
        using var parallel = ScaledModel("parallel", activation, eps);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return (sequential.forward(input) - parallel.forward(input)).abs().max().item<double>();
    }

    private static ResidualStackNet ScaledModel(string architecture, Activation activation, double eps)
    {
        var model = ModelFactory.Create(
            Specs.Model(architecture, layers: 3, filters: 4, batchNorm: false, activation: activation), seed: 21);
        model.to(ScalarType.Float64);
        model.eval();
        using var noGrad = no_grad();
        foreach (var (name, parameter) in model.named_parameters())
            if (name.StartsWith("branches.", StringComparison.Ordinal)) parameter.mul_(eps);
        return model;
    }
}
