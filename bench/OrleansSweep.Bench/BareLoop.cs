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
    public static double SamplesPerSecond(ModelSpec spec, TensorDataset data, int batch, int batches, double learningRate)
    {
        using var model = ModelFactory.Create(spec, seed: 0);
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
}
