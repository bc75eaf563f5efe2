using System.Diagnostics;
using static TorchSharp.torch;

namespace OrleansSweep.Bench;

/// <summary>What this machine's BLAS reaches on large float32 matrix products: the practical ceiling for conv training.</summary>
public static class GemmProbe
{
    public static double GigaflopsPerSecond(int size = 2048, int repeats = 5)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(1);
        var a = randn([size, size], generator: generator);
        var b = randn([size, size], generator: generator);
        for (var i = 0; i < 2; i++) matmul(a, b).Dispose();   // warm-up: thread pool, allocator
        var seconds = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            matmul(a, b).Dispose();
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        seconds.Sort();
        return 2.0 * size * size * size / seconds[repeats / 2] / 1e9;
    }
}
