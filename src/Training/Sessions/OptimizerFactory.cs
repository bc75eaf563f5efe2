using TorchSharp;
using TorchSharp.Modules;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Sessions;

/// <summary>Creates the optimizer a <see cref="TrainingSpec"/> names, over a model's parameters.</summary>
internal static class OptimizerFactory
{
    public static OptimizerHelper Create(Optimizer kind, IEnumerable<Parameter> parameters, double learningRate) =>
        kind switch
        {
            Optimizer.Adam => torch.optim.Adam(parameters, lr: learningRate),
            Optimizer.AdamW => torch.optim.AdamW(parameters, lr: learningRate),
            Optimizer.Sgd => torch.optim.SGD(parameters, learningRate, momentum: 0.9),
            _ => throw new ArgumentException($"optimizer: unknown value {(int)kind}"),
        };
}
