using TorchSharp;
using static TorchSharp.torch;

namespace OrleansSweep.Training;

/// <summary>Chooses where training runs: CUDA when it really works, else the CPU.</summary>
public static class Devices
{
    private static readonly Lazy<bool> CudaWorks = new(ProbeCuda);

    /// <summary>
    /// "auto" (or null): CUDA if available and a tiny op succeeds on it, else CPU. "cpu": the CPU.
    /// "cuda": CUDA, or InvalidOperationException when this build/host has no working CUDA.
    /// </summary>
    public static Device Select(string? preference = null)
    {
        switch (preference?.Trim().ToLowerInvariant())
        {
            case null or "" or "auto":
                return CudaWorks.Value ? CUDA : CPU;
            case "cpu":
                return CPU;
            case "cuda":
                return CudaWorks.Value
                    ? CUDA
                    : throw new InvalidOperationException(
                        "device: cuda requested but CUDA is not usable here (CPU-only build or no working GPU)");
            default:
                throw new ArgumentException($"device: '{preference}' is not auto, cpu or cuda");
        }
    }

    /// <summary>A short human-readable description, e.g. "cpu (2 threads)" or "cuda:0 (1 device)".</summary>
    /// <param name="threads">The intra-op threads training will use; default: the calling thread's current setting
    /// (torch's thread count is per thread, and a run sets its own on the thread that trains).</param>
    public static string Describe(Device d, int? threads = null) => d.type == DeviceType.CUDA
        ? $"cuda:{Math.Max(d.index, 0)} ({cuda.device_count()} device(s))"
        : (threads ?? get_num_threads()) is var n && n == 1 ? "cpu (1 thread)" : $"cpu ({n} threads)";

    // A failed CUDA load can still report availability (TorchSharp #1545): trust only a real op.
    private static bool ProbeCuda()
    {
        try
        {
            if (!cuda.is_available()) return false;
            using var scope = NewDisposeScope();
            var sum = ones(4, device: CUDA).sum().cpu().item<float>();
            return sum == 4f;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }
}
