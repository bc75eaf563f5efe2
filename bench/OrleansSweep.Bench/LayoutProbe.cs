using System.Globalization;
using OrleansSweep.Training.Data;
using OrleansSweep.Training.Models;
using static TorchSharp.torch;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Bench;

/// <summary>
/// `bench/run.sh layout`: does the channels-last memory layout (the usual lever for small convolutions on CPU) raise
/// conv-training throughput here? The bare loop with NCHW weights against the same loop with channels-last weights,
/// alternated pairs on the same batches, each also as a fraction of the GEMM ceiling (the trainer bench's hardware figure).
/// </summary>
public static class LayoutProbe
{
    public static int Run(TrainerBenchOptions o)
    {
        set_num_threads(o.Threads);
        using var data = DatasetLoader.Load(Dataset.FashionMnist, o.DataDir, o.Subset ?? o.PairBatches * o.Batch);
        var model = new ModelSpec(data.Train.Channels, data.Train.Classes, o.Layers, o.Filters, o.Kernel,
            Activation.Relu, BatchNorm: false, Architecture.Sequential);
        var gemm = GemmProbe.GigaflopsPerSecond();
        var gigaflops = ConvFlops.TrainingFlopsPerSample(model, data.Train.Height, data.Train.Width) / 1e9;
        BareLoop.SamplesPerSecond(model, data.Train, o.Batch, batches: 5, 1e-3, channelsLast: true);   // warm-up, both paths
        BareLoop.SamplesPerSecond(model, data.Train, o.Batch, batches: 5, 1e-3);
        var (nchw, last) = (new List<double>(), new List<double>());
        for (var i = 0; i < o.Pairs; i++)
        {
            var first = i % 2 == 0;   // ABBA: neither side always runs second
            if (!first) last.Add(BareLoop.SamplesPerSecond(model, data.Train, o.Batch, o.PairBatches, 1e-3, channelsLast: true));
            nchw.Add(BareLoop.SamplesPerSecond(model, data.Train, o.Batch, o.PairBatches, 1e-3));
            if (first) last.Add(BareLoop.SamplesPerSecond(model, data.Train, o.Batch, o.PairBatches, 1e-3, channelsLast: true));
            Console.Error.WriteLine($"  pair {i + 1}: NCHW {nchw[^1]:F0}, channels-last {last[^1]:F0} samples/s");
        }
        var ratios = nchw.Zip(last, (a, b) => b / a).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"channels-last / NCHW {Stats.Median(ratios):F3} (median of {o.Pairs} alternated pairs of {o.PairBatches} batches, range {ratios[0]:F2}-{ratios[^1]:F2}; " +
            $"hardware efficiency NCHW {Stats.Median(nchw) * gigaflops / gemm:F2}, channels-last {Stats.Median(last) * gigaflops / gemm:F2} of GEMM {gemm:F1} GFLOP/s; " +
            $"L={o.Layers} F={o.Filters} k={o.Kernel} batch {o.Batch}, {o.Threads} threads)"));
        return 0;
    }
}
