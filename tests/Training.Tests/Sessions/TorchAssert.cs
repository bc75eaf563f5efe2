using TorchSharp;
using static TorchSharp.torch;

namespace OrleansSweep.Training.Tests.Sessions;

internal static class TorchAssert
{
    /// <summary>Same shape, same dtype and exactly equal values.</summary>
    public static bool Same(Tensor a, Tensor b)
    {
        if (a.dtype != b.dtype || !a.shape.SequenceEqual(b.shape)) return false;
        using var scope = NewDisposeScope();
        return a.eq(b).all().item<bool>();
    }

    /// <summary>Same keys, and every tensor exactly equal.</summary>
    public static void StateDictsEqual(nn.Module expected, nn.Module actual)
    {
        var a = expected.state_dict();
        var b = actual.state_dict();
        Assert.Equal(a.Keys, b.Keys);
        foreach (var (key, tensor) in a)
            Assert.True(Same(tensor, b[key]), $"state_dict['{key}'] differs");
    }
}
