using OrleansSweep.Training.Models;
using OrleansSweep.Training.Sessions;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;
using Optimizer = OrleansSweep.Training.Vocabulary.Optimizer;

namespace OrleansSweep.Training.Tests.Sessions;

/// <summary>
/// The optimizers that hold their Scalars train exactly as TorchSharp's own do (same factory hyperparameters, same
/// arithmetic), and their state is TorchSharp's: a checkpoint written by one continues identically in the other.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class OptimizersTests
{
    private const int Steps = 12;

    public static TheoryData<Optimizer> All => [Optimizer.Adam, Optimizer.AdamW, Optimizer.Sgd];

    [Theory]
    [MemberData(nameof(All))]
    public void Training_with_the_held_scalar_optimizer_is_bit_identical_to_torchsharps(Optimizer kind)
    {
        using var ours = Model();
        using var theirs = Model();
        using var ourOptimizer = Optimizers.Create(kind, ours.parameters(), 3e-3);
        using var theirOptimizer = TorchSharpOptimizer(kind, theirs.parameters(), 3e-3);

        for (var step = 0; step < Steps; step++)
        {
            Step(ours, ourOptimizer, step);
            Step(theirs, theirOptimizer, step);
        }

        TorchAssert.StateDictsEqual(theirs, ours);
        using var untrained = Model();
        Assert.False(TorchAssert.Same(untrained.parameters().First(), ours.parameters().First()), "the steps changed nothing");
    }

    [Theory]
    [MemberData(nameof(All))]
    public void A_state_saved_by_torchsharps_optimizer_continues_identically_in_the_held_scalar_one(Optimizer kind)
    {
        using var ours = Model();
        using var theirs = Model();
        using var theirOptimizer = TorchSharpOptimizer(kind, theirs.parameters(), 3e-3);
        for (var step = 0; step < Steps / 2; step++) Step(theirs, theirOptimizer, step);
        using (var from = new MemoryStream())
        {
            using (var writer = new BinaryWriter(from, System.Text.Encoding.UTF8, leaveOpen: true)) theirs.save(writer);
            from.Position = 0;
            using var reader = new BinaryReader(from);
            ours.load(reader);
        }
        using var ourOptimizer = Optimizers.Create(kind, ours.parameters(), 3e-3);
        using (var state = new MemoryStream())
        {
            using (var writer = new BinaryWriter(state, System.Text.Encoding.UTF8, leaveOpen: true)) theirOptimizer.save_state_dict(writer);
            state.Position = 0;
            using var reader = new BinaryReader(state);
            ourOptimizer.load_state_dict(reader);
        }

        for (var step = Steps / 2; step < Steps; step++)
        {
            Step(ours, ourOptimizer, step);
            Step(theirs, theirOptimizer, step);
        }

        TorchAssert.StateDictsEqual(theirs, ours);
    }

    private static ResidualStackNet Model() =>
        ModelFactory.Create(Specs.Model("sequential", layers: 2, filters: 4, classes: 3), seed: 5);

    /// <summary>One step on a batch that depends only on the step number.</summary>
    private static void Step(nn.Module<Tensor, Tensor> model, OptimizerHelper optimizer, int step)
    {
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator((ulong)(100 + step));
        var images = rand([8, 1, 28, 28], generator: generator);
        var labels = randint(3, [8], generator: generator);
        optimizer.zero_grad();
        cross_entropy(model.forward(images), labels).backward();
        optimizer.step();
    }

    /// <summary>What training used before: TorchSharp's factories, with their defaults.</summary>
    private static OptimizerHelper TorchSharpOptimizer(Optimizer kind, IEnumerable<Parameter> parameters, double lr) => kind switch
    {
        Optimizer.Adam => optim.Adam(parameters, lr: lr),
        Optimizer.AdamW => optim.AdamW(parameters, lr: lr),
        _ => optim.SGD(parameters, lr, momentum: 0.9),
    };
}
