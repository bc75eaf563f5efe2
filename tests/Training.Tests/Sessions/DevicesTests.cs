using OrleansSweep.Training.Data;
using OrleansSweep.Training.Sessions;
using TorchSharp;

namespace OrleansSweep.Training.Tests.Sessions;

/// <summary>Device names, choices and what this (CPU) build can train on. No GPU needed: CUDA counts are given.</summary>
[Collection(TorchCollection.Name)]
public sealed class DevicesTests
{
    [Theory]
    [InlineData("cpu", false, 0)]
    [InlineData("CPU", false, 0)]
    [InlineData("cuda:0", true, 0)]
    [InlineData(" cuda:7 ", true, 7)]
    [InlineData("cuda:12", true, 12)]
    public void A_device_name_parses_to_an_explicit_device(string text, bool cuda, int index)
    {
        Assert.True(TrainingDevice.TryParse(text, out var device, out _));
        Assert.Equal(cuda, device.IsCuda);
        Assert.Equal(index, device.Index);
        Assert.Equal(text.Trim().ToLowerInvariant(), device.ToString());
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    [InlineData("gpu")]
    [InlineData("cuda:+1")]
    public void Anything_else_is_not_a_device(string text) => Assert.False(TrainingDevice.TryParse(text, out _, out _));

    [Fact]
    public void The_torch_device_always_carries_its_ordinal_never_the_current_device()
    {
        var device = TrainingDevice.Cuda(3).Torch;   // constructing a Device touches no CUDA
        Assert.Equal(DeviceType.CUDA, device.type);
        Assert.Equal(3, device.index);
        Assert.Equal(DeviceType.CPU, TrainingDevice.Cpu.Torch.type);
        Assert.Equal(TrainingDevice.Cuda(3), TrainingDevice.Of(device));
        Assert.Equal(TrainingDevice.Cpu, TrainingDevice.Of(torch.CPU));
    }

    [Theory]
    [InlineData("auto", 0, "cpu")]
    [InlineData("auto", 1, "cuda:0")]
    [InlineData("auto", 2, "cuda:0,cuda:1")]
    [InlineData("AUTO", 8, "cuda:0,cuda:1,cuda:2,cuda:3,cuda:4,cuda:5,cuda:6,cuda:7")]
    [InlineData("cuda", 2, "cuda:0,cuda:1")]
    [InlineData("cpu", 8, "cpu")]
    [InlineData("cuda:1", 2, "cuda:1")]
    [InlineData("cuda:0, cuda:2", 4, "cuda:0,cuda:2")]
    [InlineData("cuda:2,cuda:0", 4, "cuda:2,cuda:0")]
    public void A_choice_resolves_against_the_visible_cuda_devices(string text, int visible, string expected) =>
        Assert.Equal(expected, string.Join(",", DeviceChoice.Parse(text).Resolve(visible)));

    [Theory]
    [InlineData("cuda:9", 2, "cuda:9 does not exist: this host has 2 CUDA devices (cuda:0 … cuda:1)")]
    [InlineData("cuda:1", 1, "cuda:1 does not exist: this host has 1 CUDA device (cuda:0)")]
    [InlineData("cuda:0", 0, "cuda:0 does not exist: this host has no usable CUDA device (a CPU-only build: build with -p:TorchBackend=cuda-linux)")]
    [InlineData("cuda", 0, "cuda: this host has no usable CUDA device (a CPU-only build: build with -p:TorchBackend=cuda-linux)")]
    public void A_device_the_host_does_not_have_is_one_line_naming_it(string text, int visible, string expected)
    {
        var error = Assert.Throws<MissingDeviceException>(() => DeviceChoice.Parse(text).Resolve(visible));
        Assert.Equal(expected, error.Message);
    }

    [Theory]
    [InlineData("", "empty: give auto, cuda, cpu or devices such as cuda:0,cuda:1")]
    [InlineData("gpu", "'gpu' is not a device (cpu or cuda:N, N = 0, 1, …); give auto, cuda, cpu or devices such as cuda:0,cuda:1")]
    [InlineData("cuda:0,,cuda:1", "'cuda:0,,cuda:1' has an empty entry")]
    [InlineData("cuda:0,cuda:0", "cuda:0 is listed twice")]
    [InlineData("cpu,cuda:0", "cpu cannot be listed with CUDA devices (one silo trains on its GPUs or on its CPU)")]
    [InlineData("auto,cuda:0", "'auto' is not a device (cpu or cuda:N, N = 0, 1, …); give auto, cuda, cpu or devices such as cuda:0,cuda:1")]
    public void A_bad_choice_says_what_is_wrong(string text, string expected) =>
        Assert.Equal(expected, Assert.Throws<FormatException>(() => DeviceChoice.Parse(text)).Message);

    [Fact]
    public void Only_cpu_resolves_without_asking_for_the_cuda_count()
    {
        Assert.False(DeviceChoice.Parse("cpu").NeedsCuda);
        Assert.True(DeviceChoice.Parse("auto").NeedsCuda);
        Assert.True(DeviceChoice.Parse("cuda:0").NeedsCuda);
    }

    [Fact]
    public void This_cpu_build_says_so_and_sees_no_cuda_device()
    {
        Assert.Equal("cpu", Devices.Backend);
        Assert.Equal(0, Devices.CudaCount);
        Assert.Empty(Devices.Inventory());
        Assert.Equal(TrainingDevice.Cpu, Devices.Single(DeviceChoice.Auto));
        Assert.Throws<MissingDeviceException>(() => Devices.Single(DeviceChoice.Parse("cuda:0")));
        Assert.StartsWith("cpu (", Devices.Describe(TrainingDevice.Cpu));
        Assert.Equal("cpu (1 thread)", Devices.Describe(TrainingDevice.Cpu, 1));
        Assert.Equal("cuda:2", Devices.Describe(TrainingDevice.Cuda(2)));
    }

    [Fact]
    public void Cuda_sessions_compute_in_full_float32_without_tf32()
    {
        Devices.UseFullFloat32OnCuda();   // what a CUDA session applies first; the switches exist in every build
        Assert.False(torch.backends.cudnn.allow_tf32);
        Assert.False(torch.backends.cuda.matmul.allow_tf32);
    }

    [Fact]
    public void A_session_trains_on_data_already_on_its_device_without_copying_and_records_the_device_per_epoch()
    {
        using var data = SyntheticData.Create(train: 64, validation: 16);
        using var session = new TrainingSession(Specs.Training(epochs: 1), data, TrainingDevice.Cpu);

        var epoch = session.RunEpoch(CancellationToken.None);

        Assert.False(session.CopiedData);
        Assert.Equal("cpu", epoch.Device);
    }
}
