using System.Runtime.InteropServices;
using System.Text;

namespace OrleansSweep.Training.Native;

/// <summary>
/// A CUDA device's name and total memory from the NVIDIA driver (libcuda), which TorchSharp 0.107 does not expose.
/// Ordinals are the CUDA runtime's (both honour CUDA_VISIBLE_DEVICES and CUDA_DEVICE_ORDER). No context is created.
/// Null where the driver cannot be loaded or answers with an error.
/// </summary>
internal static class CudaDriver
{
    public static (string Name, long TotalBytes)? Describe(int ordinal)
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            if (cuInit(0) != 0 || cuDeviceGet(out var device, ordinal) != 0) return null;
            var name = new byte[256];
            if (cuDeviceGetName(name, name.Length, device) != 0 || cuDeviceTotalMem_v2(out var bytes, device) != 0) return null;
            return (Encoding.ASCII.GetString(name, 0, Math.Max(0, Array.IndexOf(name, (byte)0))), (long)bytes);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return null;
        }
    }

    [DllImport("libcuda.so.1")] private static extern int cuInit(uint flags);
    [DllImport("libcuda.so.1")] private static extern int cuDeviceGet(out int device, int ordinal);
    [DllImport("libcuda.so.1")] private static extern int cuDeviceGetName(byte[] name, int length, int device);
    [DllImport("libcuda.so.1")] private static extern int cuDeviceTotalMem_v2(out nuint bytes, int device);
}
