using TorchSharp;
using static TorchSharp.torch;

namespace OrleansSweep.Training.Data;

// MINIMAL placeholder written by the trainer helper so its code compiles before the data helper's
// branch lands; the data helper's TensorDataset/DatasetSplit (same contract) replace this file at merge.

/// <summary>A whole dataset split held in two tensors: images [N, C, H, W] float32 and labels [N] int64.</summary>
public sealed class TensorDataset : IDisposable
{
    public TensorDataset(Tensor images, Tensor labels, int classes)
    {
        if (images.dim() != 4) throw new ArgumentException("images: expected [N, C, H, W]", nameof(images));
        if (labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException("labels: expected [N] matching the images", nameof(labels));
        Images = images.DetachFromDisposeScope();
        Labels = labels.DetachFromDisposeScope();
        Classes = classes;
    }

    public Tensor Images { get; }
    public Tensor Labels { get; }
    public int Classes { get; }
    public int Count => (int)Images.shape[0];
    public int Channels => (int)Images.shape[1];
    public int Height => (int)Images.shape[2];
    public int Width => (int)Images.shape[3];

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
