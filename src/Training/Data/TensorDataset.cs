using TorchSharp;
using static TorchSharp.torch;

namespace OrleansSweep.Training.Data;

/// <summary>
/// A whole split in memory: images float32 [N, C, H, W] and labels int64 [N]. Owns both tensors, which are
/// detached from any dispose scope so they live until <see cref="Dispose"/>.
/// </summary>
public sealed class TensorDataset : IDisposable
{
    /// <param name="normalization">The statistics the images were normalised with, if any.</param>
    public TensorDataset(Tensor images, Tensor labels, int classes, ChannelStats? normalization = null)
    {
        if (images.dim() != 4 || images.dtype != ScalarType.Float32)
            throw new ArgumentException($"images must be float32 [N, C, H, W], got {images.dtype} [{string.Join(", ", images.shape)}]", nameof(images));
        if (labels.dim() != 1 || labels.dtype != ScalarType.Int64 || labels.shape[0] != images.shape[0])
            throw new ArgumentException($"labels must be int64 [{images.shape[0]}], got {labels.dtype} [{string.Join(", ", labels.shape)}]", nameof(labels));
        if (classes < 1)
            throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be positive");

        Images = images.DetachFromDisposeScope();
        Labels = labels.DetachFromDisposeScope();
        Classes = classes;
        Normalization = normalization;
    }

    public Tensor Images { get; }

    public Tensor Labels { get; }

    /// <summary>The labels as bytes on the CPU (every dataset has fewer than 256 classes).</summary>
    public byte[] LabelBytes()
    {
        using var bytes = Labels.cpu().to(ScalarType.Byte);
        return bytes.data<byte>().ToArray();
    }

    public int Count => (int)Images.shape[0];

    public int Channels => (int)Images.shape[1];

    public int Height => (int)Images.shape[2];

    public int Width => (int)Images.shape[3];

    public int Classes { get; }

    public ChannelStats? Normalization { get; }

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}

/// <summary>Training data and validation data (the official test split); disposing disposes both.</summary>
public sealed record DatasetSplit(TensorDataset Train, TensorDataset Validation) : IDisposable
{
    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
    }
}
