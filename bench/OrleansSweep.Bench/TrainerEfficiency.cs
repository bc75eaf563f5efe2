using OrleansSweep.Training;
using OrleansSweep.Training.Sessions;
using OrleansSweep.Training.Data;
using OrleansSweep.Training.Models;
using static TorchSharp.torch;

namespace OrleansSweep.Bench;

/// <summary>
/// (a) TrainingSession epochs vs the bare loop on the same batches, alternated (trainer, bare, bare, trainer, ...) so that
/// load from other processes hits both alike; the median of the per-pair ratios.
/// </summary>
public static class TrainerEfficiency
{
    public sealed record Result(double MedianRatio, double MinRatio, double MaxRatio, double TrainerSamplesPerSecond, double BareSamplesPerSecond);

    public static Result Measure(TrainingSpec spec, DatasetSplit full, int batches, int pairs)
    {
        var samples = (int)Math.Min(full.Train.Count, (long)batches * spec.BatchSize);
        using var part = new DatasetSplit(Slice(full.Train, samples), Slice(full.Validation, spec.BatchSize));
        using var run = new TrainingSession(spec with { Epochs = pairs }, part, TrainingDevice.Cpu);
        var trainer = new List<double>();
        var bare = new List<double>();
        for (var i = 0; i < pairs; i++)
        {
            // Alternate who goes first (ABBA), so neither side always inherits the other's warm caches.
            if (i % 2 == 1) bare.Add(BareLoop.SamplesPerSecond(spec.Model, part.Train, spec.BatchSize, batches, spec.LearningRate));
            trainer.Add(run.RunEpoch(CancellationToken.None).SamplesPerSecond);
            if (i % 2 == 0) bare.Add(BareLoop.SamplesPerSecond(spec.Model, part.Train, spec.BatchSize, batches, spec.LearningRate));
            Console.Error.WriteLine($"  pair {i + 1}: trainer {trainer[^1]:F0}, bare {bare[^1]:F0} samples/s");
        }
        var ratios = trainer.Zip(bare, (t, b) => t / b).ToArray();
        return new Result(Stats.Median(ratios), ratios.Min(), ratios.Max(), Stats.Median(trainer), Stats.Median(bare));
    }

    // Views of the first rows: no copy, and disposing them leaves the full tensors alone.
    private static TensorDataset Slice(TensorDataset data, int count) =>
        new(data.Images.narrow(0, 0, Math.Min(count, data.Count)), data.Labels.narrow(0, 0, Math.Min(count, data.Count)),
            data.Classes, data.Normalization);
}
