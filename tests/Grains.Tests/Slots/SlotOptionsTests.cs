using Microsoft.Extensions.Configuration;
using OrleansSweep.Hosting;
using OrleansSweep.Grains.Slots;

namespace OrleansSweep.Grains.Tests.Slots;

/// <summary>The <c>Slots</c> settings: read with their defaults, and a bad one is a one-line error naming it.</summary>
public sealed class SlotOptionsTests
{
    [Fact]
    public void Settings_are_read_and_missing_ones_keep_their_defaults()
    {
        var options = SlotOptions.From(Section(("Count", "3"), ("ClaimAheadBelow", "00:00:00.500")));
        Assert.Equal(3, options.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.ClaimAheadBelow);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.PollInterval);
        Assert.Equal("auto", options.Devices);
        Assert.True(options.DeviceChoice.IsAuto);
        Assert.Null(options.PerDevice);
    }

    [Theory]
    [InlineData("cuda:9", 2, "Slots:Devices: cuda:9 does not exist: this host has 2 CUDA devices (cuda:0 … cuda:1)")]
    [InlineData("cuda", 0, "Slots:Devices: cuda: this host has no usable CUDA device (a CPU-only build: build with -p:TorchBackend=cuda-linux)")]
    public void A_device_the_host_does_not_have_stops_the_plan_with_one_line_naming_the_setting(string devices, int visible, string expected)
    {
        var options = SlotOptions.From(Section(("Devices", devices)));
        var error = Assert.Throws<ConfigurationError>(() => options.Plan(() => visible));
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void A_cpu_host_with_default_settings_keeps_the_cpu_rule_one_single_threaded_slot_per_core_at_most_8()
    {
        var plan = SlotOptions.From(Section()).Plan(() => 0);
        var slots = Math.Clamp(Environment.ProcessorCount, 1, 8);
        Assert.Equal(Enumerable.Repeat(OrleansSweep.Training.TrainingDevice.Cpu, slots), plan.Slots);
        Assert.Equal(Math.Max(1, Environment.ProcessorCount / slots), plan.ThreadsPerSlot);
    }

    [Fact]
    public void The_plan_asks_for_the_cuda_count_only_when_it_depends_on_it()
    {
        Assert.Equal(8, SlotOptions.From(Section(("Devices", "cpu"), ("Count", "8"))).Plan(() => throw new InvalidOperationException("asked")).Slots.Count);
        Assert.Empty(SlotOptions.From(Section(("Devices", "auto"), ("Count", "0"))).Plan(() => throw new InvalidOperationException("asked")).Slots);
        Assert.Equal(4, SlotOptions.From(Section(("PerDevice", "2"))).Plan(() => 2).Slots.Count);
        var error = Assert.Throws<ConfigurationError>(() => SlotOptions.From(Section(("PerDevice", "2"), ("Count", "3"))).Plan(() => 2));
        Assert.StartsWith("Slots:Count: 3 contradicts 2 per device", error.Message);
    }

    [Theory]
    [InlineData("ClaimAheadBelow", "soon", "Slots: Failed to convert configuration value 'soon' at 'Slots:ClaimAheadBelow'")]
    [InlineData("Count", "two", "Slots: Failed to convert configuration value 'two' at 'Slots:Count'")]
    [InlineData("Count", "-1", "Slots:Count: must be 0 or more, got -1")]
    [InlineData("ThreadsPerSlot", "-2", "Slots:ThreadsPerSlot: must be 0 (cores ÷ slots) or more, got -2")]
    [InlineData("PollInterval", "00:00:00", "Slots:PollInterval: must be positive, got 00:00:00")]
    [InlineData("ClaimAheadBelow", "-00:00:01", "Slots:ClaimAheadBelow: must be 0 (never) or positive, got -00:00:01")]
    [InlineData("PerDevice", "0", "Slots:PerDevice: must be 1 or more, got 0")]
    [InlineData("Devices", "gpu", "Slots:Devices: 'gpu' is not a device (cpu or cuda:N, N = 0, 1, …)")]
    [InlineData("Devices", "cuda:0,cuda:0", "Slots:Devices: cuda:0 is listed twice")]
    public void A_bad_setting_is_a_one_line_error_naming_it(string key, string value, string expected)
    {
        var error = Assert.Throws<ConfigurationError>(() => SlotOptions.From(Section((key, value))));
        Assert.StartsWith(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static IConfigurationSection Section(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"Slots:{s.Key}", s.Value)))
            .Build()
            .GetSection(SlotOptions.Section);
}
