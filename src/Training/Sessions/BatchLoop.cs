using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace OrleansSweep.Training.Sessions;

/// <summary>
/// The inner loops: one training pass in a given order and one evaluation pass. Batches are slices of the
/// dataset tensors (index_select), every batch runs in its own dispose scope, and sums stay on the device
/// until the end of the pass (no per-batch host sync).
/// </summary>
internal static class BatchLoop
{
    public static PassResult Train(
        nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor images, Tensor labels, Tensor order,
        int batchSize, int epoch, CancellationToken ct, IProgress<BatchProgress>? progress)
    {
        model.train();
        var count = (int)images.shape[0];
        var batches = (count + batchSize - 1) / batchSize;
        using var lossSum = zeros(Array.Empty<long>(), ScalarType.Float64, images.device);
        using var correct = zeros(Array.Empty<long>(), ScalarType.Int64, images.device);
        for (var b = 0; b < batches; b++)
        {
            ct.ThrowIfCancellationRequested();
            using (NewDisposeScope())
            {
                var start = b * batchSize;
                var size = Math.Min(batchSize, count - start);
                var index = order.narrow(0, start, size);
                var y = labels.index_select(0, index);
                optimizer.zero_grad();
                var logits = model.forward(images.index_select(0, index));
                var loss = cross_entropy(logits, y);
                loss.backward();
                optimizer.step();
                using var weight = size.ToScalar();                // held: a temporary alpha can be freed mid-call (KeptScalars)
                lossSum.add_(loss.detach(), weight);
                correct.add_(logits.argmax(1).eq(y).sum(), KeptScalars.One);
            }
            progress?.Report(new BatchProgress(epoch, b + 1, batches));
        }
        return Result(lossSum, correct, count);
    }

    /// <summary>The model in evaluation mode over the split, or over the rows <paramref name="rows"/> of it.</summary>
    public static PassResult Evaluate(nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels, int batchSize, Tensor? rows = null)
    {
        model.eval();
        using var noGrad = no_grad();
        var count = (int)(rows?.shape[0] ?? images.shape[0]);
        using var lossSum = zeros(Array.Empty<long>(), ScalarType.Float64, images.device);
        using var correct = zeros(Array.Empty<long>(), ScalarType.Int64, images.device);
        for (var start = 0; start < count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var size = Math.Min(batchSize, count - start);
            var index = rows?.narrow(0, start, size);
            var y = index is null ? labels.narrow(0, start, size) : labels.index_select(0, index);
            var logits = model.forward(index is null ? images.narrow(0, start, size) : images.index_select(0, index));
            lossSum.add_(cross_entropy(logits, y, reduction: nn.Reduction.Sum), KeptScalars.One);
            correct.add_(logits.argmax(1).eq(y).sum(), KeptScalars.One);
        }
        return Result(lossSum, correct, count);
    }

    private static PassResult Result(Tensor lossSum, Tensor correct, int count) => count == 0
        ? new PassResult(double.NaN, double.NaN, 0)
        : new PassResult(lossSum.item<double>() / count, correct.item<long>() / (double)count, count);
}

/// <summary>Per-sample mean loss and accuracy over one pass of a split.</summary>
internal readonly record struct PassResult(double Loss, double Accuracy, int Samples);

/// <summary>Reported after each training batch; <see cref="Batch"/> is 1-based, out of <see cref="Batches"/>.</summary>
public readonly record struct BatchProgress(int Epoch, int Batch, int Batches);
