using System.Diagnostics;
using OrleansSweep.Training.Data;
using OrleansSweep.Training.Models;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace OrleansSweep.Bench;

/// <summary>
/// The floor the trainer is measured against: forward, backward and Adam step on batches sliced and made
/// contiguous beforehand, with no shuffling, metrics, progress or cancellation checks.
/// </summary>
public static class BareLoop
{
    public static double SamplesPerSecond(ModelSpec spec, TensorDataset data, int batch, int batches, double learningRate,
        bool channelsLast = false)
    {
        using var model = ModelFactory.Create(spec, seed: 0);
        if (channelsLast) ToChannelsLast(model);
        using var optimizer = optim.Adam(model.parameters(), lr: learningRate);
        var count = Math.Min(batches, (int)(data.Count / batch));
        if (count == 0) throw new ArgumentException($"--batch: the training data has fewer than {batch} samples");
        var inputs = Enumerable.Range(0, count)
            .Select(b => (X: data.Images.narrow(0, b * batch, batch).contiguous().DetachFromDisposeScope(),
                          Y: data.Labels.narrow(0, b * batch, batch).contiguous().DetachFromDisposeScope()))
            .ToArray();
        try
        {
            model.train();
            var clock = Stopwatch.StartNew();
            foreach (var (x, y) in inputs)
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                cross_entropy(model.forward(x), y).backward();
                optimizer.step();
            }
            return count * batch / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            foreach (var (x, y) in inputs) { x.Dispose(); y.Dispose(); }
        }
    }

    /// <summary>
    /// Gives every convolution weight channels-last strides (same shape and values), the one way to reach that layout in
    /// TorchSharp 0.107, which has no memory-format argument: libtorch then runs those convolutions, and the activations
    /// after them, channels-last.
    /// </summary>
    private static void ToChannelsLast(TorchSharp.torch.nn.Module model)
    {
        using var _ = no_grad();
        foreach (var weight in model.parameters().Where(p => p.dim() == 4))
        {
            using var strided = weight.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
            weight.set_(strided);
            // A weight with one input channel (the stem on grey images) is contiguous either way.
            if (weight.shape[1] > 1 && weight.is_contiguous()) throw new InvalidOperationException("channels-last strides did not take");
        }
    }
}
