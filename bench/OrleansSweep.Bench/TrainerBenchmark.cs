using System.Globalization;
using OrleansSweep.Training;
using OrleansSweep.Training.Sessions;
using OrleansSweep.Training.Checkpoints;
using OrleansSweep.Training.Data;
using OrleansSweep.Training.Models;
using static TorchSharp.torch;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Bench;

/// <summary>
/// `bench/run.sh trainer`, in this process: trainer efficiency (a) on alternated short runs; hardware efficiency (b)
/// and checkpoint cost (c) on one full trainer epoch; then memory (d) of a `train` child process. Figures: last line.
/// </summary>
public static class TrainerBenchmark
{
    private const double LearningRate = 1e-3;

    public static int Run(TrainerBenchOptions o)
    {
        set_num_threads(o.Threads);
        Console.Error.WriteLine($"trainer bench: L={o.Layers} F={o.Filters} k={o.Kernel} batch={o.Batch} threads={o.Threads} " +
            $"subset={o.Subset?.ToString(CultureInfo.InvariantCulture) ?? "all"}; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        using var data = DatasetLoader.Load(Dataset.FashionMnist, o.DataDir, o.Subset);
        var model = new ModelSpec(data.Train.Channels, data.Train.Classes, o.Layers, o.Filters, o.Kernel,
            Activation.Relu, BatchNorm: false, Architecture.Sequential);
        var spec = new TrainingSpec(model, Optimizer.Adam, LearningRate, o.Batch, Epochs: 1, Seed: 0, o.Threads);

        var gemm = GemmProbe.GigaflopsPerSecond();
        Console.Error.WriteLine($"  GEMM: {gemm:F1} GFLOP/s");
        BareLoop.SamplesPerSecond(model, data.Train, o.Batch, batches: 5, LearningRate);   // warm-up for both loops
        var efficiency = TrainerEfficiency.Measure(spec, data, o.PairBatches, o.Pairs);
        var (epoch, checkpoint) = TrainerEpoch(spec, data);
        Console.Error.WriteLine($"  full trainer epoch: {epoch.Seconds:F1} s, {epoch.SamplesPerSecond:F0} samples/s; checkpoint {checkpoint:F3} s");
        var memory = o.MemoryEpochs > 0 ? MeasureMemory(o) : [];

        var flopsPerSample = ConvFlops.TrainingFlopsPerSample(model, data.Train.Height, data.Train.Width);
        var achieved = epoch.SamplesPerSecond * flopsPerSample / 1e9;
        Console.WriteLine(string.Join("; ",
            $"trainer efficiency {efficiency.MedianRatio:F3} (median of {o.Pairs} alternated pairs of {o.PairBatches} batches, range {efficiency.MinRatio:F2}-{efficiency.MaxRatio:F2}: trainer {efficiency.TrainerSamplesPerSecond:F0} vs bare {efficiency.BareSamplesPerSecond:F0} samples/s; target >= 0.95)",
            $"hardware efficiency {achieved / gemm:F2} (full-epoch conv training {achieved:F1} vs GEMM {gemm:F1} GFLOP/s; aim >= 0.6)",
            $"checkpoint cost {100 * checkpoint / epoch.Seconds:F2}% ({checkpoint:F3} s of a {epoch.Seconds:F1} s epoch on {data.Train.Count} samples; target <= 2%)",
            $"training-loss evaluation {100 * EvaluationSeconds(epoch, data) / epoch.Seconds:F1}% of the epoch ({EvaluationSeconds(epoch, data):F2} s over min({data.Train.Count}, {TrainingSession.TrainEvaluationSamples}) images)",
            MemoryFigure(memory)));
        return 0;
    }

    private static (EpochMetrics Epoch, double CheckpointSeconds) TrainerEpoch(TrainingSpec spec, DatasetSplit data)
    {
        var directory = Directory.CreateTempSubdirectory("orleans-sweep-bench-");
        try
        {
            using var run = new TrainingSession(spec, data, TrainingDevice.Cpu);
            var epoch = run.RunEpoch(CancellationToken.None);
            var store = new CheckpointStore(directory.FullName);
            return (epoch, store.Save(run).Duration.TotalSeconds);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The epoch's time after training minus the validation pass: the training-set evaluation, estimated from
    /// the validation pass's per-image cost (both are forward passes in evaluation mode).</summary>
    private static double EvaluationSeconds(EpochMetrics epoch, DatasetSplit data)
    {
        var afterTraining = epoch.Seconds - data.Train.Count / epoch.SamplesPerSecond;
        var evaluated = Math.Min(data.Train.Count, TrainingSession.TrainEvaluationSamples);
        return afterTraining * evaluated / (evaluated + data.Validation.Count);
    }

    /// <summary>Trains in a child process (the CLI's <c>train</c>) and samples its memory; its checkpoints go to a
    /// temporary folder that is removed afterwards.</summary>
    private static IReadOnlyList<MemoryProbe.Sample> MeasureMemory(TrainerBenchOptions o)
    {
        var checkpoints = Directory.CreateTempSubdirectory("orleans-sweep-bench-memory-");
        try
        {
            return MemoryProbe.Run(TrainArgs(o, checkpoints.FullName));
        }
        finally
        {
            checkpoints.Delete(recursive: true);
        }
    }

    private static IEnumerable<string> TrainArgs(TrainerBenchOptions o, string checkpointDirectory)
    {
        string[] args =
        [
            "--data-dir", o.DataDir, "--layers", $"{o.Layers}", "--filters", $"{o.Filters}", "--kernel", $"{o.Kernel}",
            "--batch", $"{o.Batch}", "--epochs", $"{o.MemoryEpochs}", "--threads", $"{o.Threads}",
            "--checkpoint-dir", checkpointDirectory,
        ];
        return o.Subset is { } n ? [.. args, "--subset", $"{n}"] : args;
    }

    /// <summary>
    /// Flat = the peak (VmHWM) after the last epoch within 5% (or 20 MB) of the peak after epoch 2. RSS at an epoch's
    /// end is listed too; it moves with glibc's free lists, so it is reported, not judged.
    /// </summary>
    private static string MemoryFigure(IReadOnlyList<MemoryProbe.Sample> samples)
    {
        if (samples.Count == 0) return "memory not measured (--memory-epochs 0)";
        static string Series(IEnumerable<double> values) => string.Join("/", values.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)));
        var flat = samples.Count < 3 ? "flatness needs >= 3 epochs"
            : samples[^1].PeakMb - samples[1].PeakMb <= Math.Max(0.05 * samples[1].PeakMb, 20) ? "flat from epoch 2" : "NOT flat from epoch 2";
        return $"train peak RSS {samples[^1].PeakMb:F0} MB (target <= 1200 MB), peak after each epoch {Series(samples.Select(s => s.PeakMb))} MB: {flat}; " +
               $"RSS at epoch ends {Series(samples.Select(s => s.RssMb))} MB";
    }
}
