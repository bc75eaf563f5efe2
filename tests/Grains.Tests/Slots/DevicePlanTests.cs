using OrleansSweep.Grains.Slots;
using OrleansSweep.Training;

namespace OrleansSweep.Grains.Tests.Slots;

/// <summary>
/// The slot-to-device plan as the pure function it is: given CUDA device counts (0, 1, 2, 8), packing 1–4, explicit
/// lists and counts, and the lists a host cannot honour. No GPU, no TorchSharp.
/// </summary>
public sealed class DevicePlanTests
{
    [Theory]
    [InlineData(0, null, "cpu ×2")]          // a 2-core CPU host: one slot per core
    [InlineData(1, null, "cuda:0 ×1")]
    [InlineData(2, null, "cuda:0 ×1, cuda:1 ×1")]
    [InlineData(8, null, "cuda:0 ×1, cuda:1 ×1, cuda:2 ×1, cuda:3 ×1, cuda:4 ×1, cuda:5 ×1, cuda:6 ×1, cuda:7 ×1")]
    [InlineData(0, 3, "cpu ×3")]
    [InlineData(1, 4, "cuda:0 ×4")]
    [InlineData(2, 2, "cuda:0 ×2, cuda:1 ×2")]
    [InlineData(8, 3, "cuda:0 ×3, cuda:1 ×3, cuda:2 ×3, cuda:3 ×3, cuda:4 ×3, cuda:5 ×3, cuda:6 ×3, cuda:7 ×3")]
    public void Auto_packs_each_visible_device(int visible, int? perDevice, string expected)
    {
        var plan = DevicePlan.Of(DeviceChoice.Auto, visible, perDevice, count: null, threadsPerSlot: 0, cores: 2);
        Assert.Equal(expected, Grouped(plan));
        Assert.Equal(plan.Devices.Count * plan.PerDevice, plan.Slots.Count);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(8, 8)]
    [InlineData(64, 8)]                  // beyond what the packing benchmark measured: at most 8
    public void On_the_cpu_the_default_is_one_slot_per_core_at_most_8(int cores, int slots)
    {
        var plan = DevicePlan.Of(DeviceChoice.Cpu, 0, null, null, 0, cores);
        Assert.Equal(Enumerable.Repeat(TrainingDevice.Cpu, slots), plan.Slots);
        Assert.Equal(Math.Max(1, cores / slots), plan.ThreadsPerSlot);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Packing_k_trials_per_gpu_lays_out_k_slots_on_each_device_in_turn(int k)
    {
        var plan = DevicePlan.Of(DeviceChoice.Auto, 2, k, null, 0, cores: 16);
        Assert.Equal(2 * k, plan.Slots.Count);
        Assert.Equal(k, plan.Slots.Count(d => d == TrainingDevice.Cuda(0)));
        Assert.Equal(k, plan.Slots.Count(d => d == TrainingDevice.Cuda(1)));
        Assert.Equal(16 / (2 * k), plan.ThreadsPerSlot);
    }

    [Fact]
    public void An_explicit_count_spreads_the_slots_round_robin()
    {
        var plan = DevicePlan.Of(DeviceChoice.Auto, 2, null, count: 5, 0, cores: 2);
        Assert.Equal("cuda:0,cuda:1,cuda:0,cuda:1,cuda:0", string.Join(",", plan.Slots));
        Assert.Equal(1, plan.ThreadsPerSlot);
    }

    [Fact]
    public void An_explicit_list_uses_only_the_devices_it_names_in_its_order()
    {
        var plan = DevicePlan.Of(DeviceChoice.Parse("cuda:2,cuda:0"), 4, 2, null, 1, cores: 8);
        Assert.Equal("cuda:2,cuda:0,cuda:2,cuda:0", string.Join(",", plan.Slots));
        Assert.Equal([TrainingDevice.Cuda(2), TrainingDevice.Cuda(0)], plan.Devices);
        Assert.Equal(1, plan.ThreadsPerSlot);
        Assert.Equal("4 slots: cuda:2 ×2, cuda:0 ×2; 1 intra-op thread each", plan.ToString());
    }

    [Fact]
    public void A_count_that_agrees_with_the_packing_is_accepted()
    {
        var plan = DevicePlan.Of(DeviceChoice.Auto, 2, 2, 4, 0, 4);
        Assert.Equal(4, plan.Slots.Count);
    }

    [Fact]
    public void No_slots_need_no_device_at_all()
    {
        var plan = DevicePlan.Of(DeviceChoice.Parse("cuda:5"), 0, null, count: 0, 0, 2);   // a coordinator-only silo
        Assert.Empty(plan.Slots);
        Assert.Empty(plan.Devices);
        Assert.Equal("no slots", plan.ToString());
    }

    [Theory]
    [InlineData("cuda:9", 2, DevicePlanInput.Devices, "cuda:9 does not exist: this host has 2 CUDA devices (cuda:0 … cuda:1)")]
    [InlineData("cuda:0,cuda:8", 8, DevicePlanInput.Devices, "cuda:8 does not exist: this host has 8 CUDA devices (cuda:0 … cuda:7)")]
    [InlineData("cuda:0", 0, DevicePlanInput.Devices, "cuda:0 does not exist: this host has no usable CUDA device (a CPU-only build: build with -p:TorchBackend=cuda-linux)")]
    [InlineData("cuda", 0, DevicePlanInput.Devices, "cuda: this host has no usable CUDA device (a CPU-only build: build with -p:TorchBackend=cuda-linux)")]
    public void A_list_the_host_cannot_honour_names_the_input_and_the_device(string devices, int visible, DevicePlanInput input, string message)
    {
        var error = Assert.Throws<DevicePlanException>(() => DevicePlan.Of(DeviceChoice.Parse(devices), visible, null, null, 0, 2));
        Assert.Equal(input, error.Input);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_count_that_contradicts_the_packing_is_refused()
    {
        var error = Assert.Throws<DevicePlanException>(() => DevicePlan.Of(DeviceChoice.Auto, 2, perDevice: 2, count: 3, 0, 2));
        Assert.Equal(DevicePlanInput.Count, error.Input);
        Assert.Equal("3 contradicts 2 per device on 2 device(s) (4 slots): set the count or the packing, not both", error.Message);
    }

    private static string Grouped(DevicePlan plan) => string.Join(", ", plan.Slots.GroupBy(d => d).Select(g => $"{g.Key} ×{g.Count()}"));
}
