using OrleansSweep.Training.Data;
using static TorchSharp.torch;

namespace OrleansSweep.Training.Sessions;

/// <summary>A dataset's tensors on the training device: the originals on the CPU, an owned copy elsewhere.</summary>
internal sealed class DeviceData : IDisposable
{
    private readonly bool owned;

    public DeviceData(TensorDataset data, Device device)
    {
        owned = data.Images.device != device || data.Labels.device != device;
        Images = owned ? data.Images.to(device).DetachFromDisposeScope() : data.Images;
        Labels = owned ? data.Labels.to(device).DetachFromDisposeScope() : data.Labels;
    }

    public Tensor Images { get; }
    public Tensor Labels { get; }
    public int Count => (int)Images.shape[0];

    public void Dispose()
    {
        if (!owned) return;
        Images.Dispose();
        Labels.Dispose();
    }
}
