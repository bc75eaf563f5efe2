using TorchSharp;
using static TorchSharp.torch;

namespace OrleansSweep.Training.Tests.Sessions;

public sealed class DevicesTests
{
    [Fact]
    public void Cpu_IsAlwaysAvailable()
    {
        Assert.Equal(DeviceType.CPU, Devices.Select("cpu").type);
        Assert.StartsWith("cpu (", Devices.Describe(Devices.Select("CPU")));
    }

    [Fact]
    public void Auto_PicksCudaOnlyWhenItWorks()
    {
        var expected = cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU;

        Assert.Equal(expected, Devices.Select().type);
        Assert.Equal(expected, Devices.Select("auto").type);
    }

    [Fact]
    public void Cuda_WithoutAWorkingGpu_IsAOneLineError()
    {
        if (cuda.is_available()) return; // only meaningful on CPU-only hosts such as CI

        var error = Assert.Throws<InvalidOperationException>(() => Devices.Select("cuda"));

        Assert.StartsWith("device: cuda requested", error.Message);
    }

    [Fact]
    public void UnknownPreference_NamesTheField()
    {
        var error = Assert.Throws<ArgumentException>(() => Devices.Select("gpu"));

        Assert.Equal("device: 'gpu' is not auto, cpu or cuda", error.Message);
    }
}
