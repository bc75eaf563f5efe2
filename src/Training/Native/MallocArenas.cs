using System.Runtime.InteropServices;

namespace OrleansSweep.Training.Native;

/// <summary>
/// Caps glibc's malloc arenas. libtorch frees and reallocates multi-MB activation buffers every batch; with
/// glibc's default (up to 8 arenas per core) the resident set of a training process on full Fashion-MNIST drifted upwards
/// epoch after epoch (719/871/1037 MB in bench/README.md); with 2 arenas it stayed within ~30 MB and ran no
/// slower. Same effect as MALLOC_ARENA_MAX=2. A no-op off glibc.
/// </summary>
internal static class MallocArenas
{
    private const int ArenaMaxParameter = -8;   // M_ARENA_MAX in glibc's malloc.h

    public static void Limit(int arenas = 2)
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null) return;
        try
        {
            mallopt(ArenaMaxParameter, arenas);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // Not glibc (e.g. musl): nothing to tune.
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);
}
