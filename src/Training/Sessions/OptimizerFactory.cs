using TorchSharp;
using TorchSharp.Modules;

namespace OrleansSweep.Training.Sessions;

/// <summary>Creates the optimizer a <see cref="TrainingSpec"/> names, over a model's parameters.</summary>
internal static class OptimizerFactory
{
    public static OptimizerHelper Create(OptimizerKind kind, IEnumerable<Parameter> parameters, double learningRate) =>
        kind switch
        {
            OptimizerKind.Adam => torch.optim.Adam(parameters, lr: learningRate),
            OptimizerKind.AdamW => torch.optim.AdamW(parameters, lr: learningRate),
            OptimizerKind.Sgd => torch.optim.SGD(parameters, learningRate, momentum: 0.9),
            _ => throw new ArgumentException($"optimizer: unknown value {(int)kind}"),
        };
}
