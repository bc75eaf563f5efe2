using OrleansSweep.Training;
using OrleansSweep.Training.Models;

namespace OrleansSweep.Grains.Trials;

/// <summary>Translates a sweep's trial configuration into the trainer's recipe.</summary>
public static class TrialSpecs
{
    public static TrainingSpec ToTrainingSpec(TrialConfig config, int epochs, int threads, int inChannels, int classes)
    {
        var model = new ModelSpec(inChannels, classes, config.Layers, config.Filters, config.Kernel,
            Enum.Parse<Activation>(config.Activation, ignoreCase: true), config.BatchNorm, Architecture.Parse(config.Architecture));
        var optimizer = config.Optimizer.ToLowerInvariant() switch
        {
            "adam" => OptimizerKind.Adam,
            "adamw" => OptimizerKind.AdamW,
            "sgd" => OptimizerKind.Sgd,
            var other => throw new ArgumentException($"optimizer: unknown '{other}'"),
        };
        return new TrainingSpec(model, optimizer, config.LearningRate, config.BatchSize, epochs, config.Seed, threads);
    }
}
