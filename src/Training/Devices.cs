using System.Reflection;
using OrleansSweep.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace OrleansSweep.Training;

/// <summary>What this build and host can train on: the libtorch backend the build links, and the usable CUDA devices.</summary>
public static class Devices
{
    private static readonly Lazy<int> Usable = new(ProbeCuda);

    /// <summary>The libtorch backend this build links: <c>cpu</c>, <c>cuda-linux</c> or <c>cuda-windows</c> (<c>-p:TorchBackend</c>).</summary>
    public static string Backend { get; } = typeof(Devices).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "TorchBackend")?.Value ?? "cpu";

    /// <summary>
    /// Usable CUDA devices: 0 on a CPU build (without loading libtorch), else torch's device count once a tiny op on
    /// cuda:0 succeeded (a failed CUDA load can still report availability, TorchSharp #1545). Probed once per process.
    /// </summary>
    public static int CudaCount => Usable.Value;

    /// <summary>The device a <c>train</c> run or a single session uses for a choice: the first it resolves to.</summary>
    /// <exception cref="MissingDeviceException">A named device is not on this host.</exception>
    public static TrainingDevice Single(DeviceChoice choice) => choice.Resolve(choice.NeedsCuda ? CudaCount : 0)[0];

    /// <summary>A short description, e.g. "cpu (2 threads)" or "cuda:1".</summary>
    /// <param name="threads">The intra-op threads training will use; default: the calling thread's current setting
    /// (torch's thread count is per thread, and a run sets its own on the thread that trains).</param>
    public static string Describe(TrainingDevice device, int? threads = null) => device.IsCuda
        ? device.ToString()
        : (threads ?? get_num_threads()) is var n && n == 1 ? "cpu (1 thread)" : $"cpu ({n} threads)";

    /// <summary>Each usable CUDA device with what the driver tells of it, and whether a tiny op runs on it.</summary>
    public static IReadOnlyList<DeviceReport> Inventory() =>
        Enumerable.Range(0, CudaCount).Select(i =>
        {
            var device = TrainingDevice.Cuda(i);
            var described = CudaDriver.Describe(i);
            return new DeviceReport(device, described?.Name, described?.TotalBytes, Works(device));
        }).ToList();

    /// <summary>
    /// Full float32 on CUDA: no TF32 in cuDNN convolutions (libtorch's default is on) nor in matmuls, so a GPU computes
    /// what the CPU computes up to rounding order, on every GPU generation alike (docs/architecture.md, GPU exactness).
    /// Process-wide; every CUDA session applies it before it builds its model.
    /// </summary>
    public static void UseFullFloat32OnCuda()
    {
        torch.backends.cudnn.allow_tf32 = false;
        torch.backends.cuda.matmul.allow_tf32 = false;
    }

    private static int ProbeCuda() => Backend != "cpu" && cuda.is_available() && Works(TrainingDevice.Cuda(0)) ? cuda.device_count() : 0;

    private static bool Works(TrainingDevice device)
    {
        try
        {
            using var scope = NewDisposeScope();
            return ones(4, device: device.Torch).sum().cpu().item<float>() == 4f;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }
}

/// <summary>One CUDA device as <c>orleans-sweep devices</c> shows it; name and memory are null where the driver does not say.</summary>
public sealed record DeviceReport(TrainingDevice Device, string? Name, long? TotalBytes, bool Works);
