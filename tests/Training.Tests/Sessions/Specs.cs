using OrleansSweep.Training.Models;
using OrleansSweep.Training.Sessions;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Tests.Sessions;

/// <summary>
/// Small specs that train in well under a second per epoch on the synthetic data. One torch thread: these
/// tensors are too small to gain from more, and OpenMP threads degrade badly on a loaded 2-core CI host.
/// </summary>
internal static class Specs
{
    public static ModelSpec Model(string architecture = "sequential", int layers = 2, int filters = 4,
        bool batchNorm = true, Activation activation = Activation.Relu, int classes = 3, int kernel = 3) =>
        new(InChannels: 1, Classes: classes, Layers: layers, Filters: filters, Kernel: kernel,
            Activation: activation, BatchNorm: batchNorm, Architecture: Architecture.Parse(architecture));

    public static TrainingSpec Training(int epochs = 3, Optimizer optimizer = Optimizer.Adam,
        double learningRate = 1e-2, int batchSize = 64, long seed = 42, bool batchNorm = true) =>
        new(Model(batchNorm: batchNorm), optimizer, learningRate, batchSize, epochs, seed, Threads: 1);
}
