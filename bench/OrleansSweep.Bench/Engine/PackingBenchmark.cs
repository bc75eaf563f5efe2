using System.Diagnostics;
using OrleansSweep.Training;
using OrleansSweep.Training.Sessions;
using OrleansSweep.Training.Data;
using OrleansSweep.Training.Models;
using static TorchSharp.torch;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Bench.Engine;

/// <summary>
/// `bench/run.sh packing`: aggregate training samples/s of K trials running at once on this machine's one
/// device (each on its own thread with cores ÷ K intra-op threads), against one trial at a time, for K = 1,
/// 2, 4. The best K is the embedded default for `Slots:Count` (see docs/architecture.md).
/// </summary>
public static class PackingBenchmark
{
    public static int Run(string[] args)
    {
        var subset = SchedulingBenchmark.Arg(args, "--subset", 6000);
        var cores = Environment.ProcessorCount;
        using var data = DatasetLoader.Load(Dataset.FashionMnist, DataDirectories.Default(Dataset.FashionMnist), subset);
        Console.Error.WriteLine($"packing bench: L=4 F=16 k=3 batch 128, {data.Train.Count} samples/epoch, {cores} cores; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        PackedSamplesPerSecond(data, 1, cores);                                            // warm-up
        var figures = new[] { 1, 2, 4 }.Select(k => (K: k, Rate: PackedSamplesPerSecond(data, k, Math.Max(1, cores / k)))).ToList();
        foreach (var (k, rate) in figures) Console.Error.WriteLine($"  K={k}: {rate:F0} samples/s");
        var one = figures[0].Rate;
        var best = figures.MaxBy(f => f.Rate);
        var each = string.Join(", ", figures.Select(f => FormattableString.Invariant($"K={f.K} {f.Rate / one:F2}x ({f.Rate:F0} samples/s)")));
        Console.WriteLine(FormattableString.Invariant($"packing on {cores} cores: {each}; best K={best.K} with {Math.Max(1, cores / best.K)} threads each"));
        return 0;
    }

    /// <summary>K concurrent one-epoch runs, each on its own thread; returns total samples ÷ wall seconds.</summary>
    private static double PackedSamplesPerSecond(DatasetSplit data, int k, int threads)
    {
        var model = new ModelSpec(data.Train.Channels, data.Train.Classes, 4, 16, 3, Activation.Relu, false, Architecture.Sequential);
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, k).Select(i => new Thread(() =>
        {
            using var run = new TrainingSession(new TrainingSpec(model, Optimizer.Adam, 1e-3, 128, 1, Seed: i, threads), data, TrainingDevice.Cpu);
            run.RunEpoch(CancellationToken.None);
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        return (double)k * data.Train.Count / clock.Elapsed.TotalSeconds;
    }
}
