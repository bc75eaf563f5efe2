using OrleansSweep.Training.Data;
using static TorchSharp.torch;

namespace OrleansSweep.Training.Sessions;

/// <summary>
/// A dataset's tensors on the training device: the given ones when they are already there (a CPU dataset on the CPU,
/// a silo's shared copy on its GPU), else a copy this session owns.
/// </summary>
internal sealed class DeviceData : IDisposable
{
    private readonly bool owned;

    public DeviceData(TensorDataset data, TrainingDevice device)
    {
        // By type and ordinal: TorchSharp's Device compares by reference.
        owned = TrainingDevice.Of(data.Images.device) != device || TrainingDevice.Of(data.Labels.device) != device;
        Images = owned ? data.Images.to(device.Torch).DetachFromDisposeScope() : data.Images;
        Labels = owned ? data.Labels.to(device.Torch).DetachFromDisposeScope() : data.Labels;
    }

    public Tensor Images { get; }
    public Tensor Labels { get; }
    public int Count => (int)Images.shape[0];

    /// <summary>Whether the tensors were copied for this session (false: the caller's are used where they are).</summary>
    public bool IsCopy => owned;

    public void Dispose()
    {
        if (!owned) return;
        Images.Dispose();
        Labels.Dispose();
    }
}
