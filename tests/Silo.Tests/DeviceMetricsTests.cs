using OrleansSweep.Silo.Tests.Fixtures;
using OrleansSweep.Wire;

namespace OrleansSweep.Silo.Tests;

/// <summary>
/// The <c>device</c> label on a silo whose host shows two CUDA devices (a stand-in count: no GPU here; the simulated
/// trainer "trains" on them): slots per device, dataset memory per device, samples and epoch time by device and the
/// running trials' gauges, bounded by the host's devices. And a device the host does not have stops a silo process.
/// </summary>
public sealed class DeviceMetricsTests
{
    [Fact]
    public async Task Slots_samples_epoch_time_and_running_trials_carry_the_device_they_train_on()
    {
        await using var silo = await InProcessSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Slots:Devices"] = "auto",
            ["Slots:PerDevice"] = "2",
            ["Slots:ThreadsPerSlot"] = "1",
            ["Slots:PollInterval"] = "00:00:00.050",
            ["Trainer:Kind"] = "simulated",
            // Epochs long enough that scrapes taken every 100 ms see trials running (at 50 ms the sweep could end first).
            ["Trainer:EpochDuration"] = "00:00:00.150",
        }, visibleCuda: 2);
        var reply = await silo.Grains.GetGrain<ISweepGrain>("devices").Start(TestSpecs.Grid("devices", replicates: 1, epochs: 3));
        Assert.True(reply.Accepted, reply.Error);

        var runningDevices = new HashSet<string>();
        var run = TestSpecs.WaitForEndAsync(silo.Grains, "devices", TimeSpan.FromSeconds(90));
        while (!run.IsCompleted)
        {
            var scrape = await MetricsText.ScrapeAsync(silo.Http);
            foreach (var series in scrape.Named("orleans_sweep_trial_val_loss")) runningDevices.Add(Label(series, "device"));
            await Task.Delay(100);
        }
        Assert.Equal(100, (await run).Counts[TrialStatus.Completed]);
        Assert.Equal(["cuda:0", "cuda:1"], runningDevices.Order());

        var text = await silo.Http.GetStringAsync("/metrics");
        Assert.Equal("2", MetricsText.Value(text, "orleans_sweep_slots_total", ("device", "cuda:0")));
        Assert.Equal("2", MetricsText.Value(text, "orleans_sweep_slots_total", ("device", "cuda:1")));
        var after = await MetricsText.ScrapeAsync(silo.Http);
        Assert.Equal(["cpu", "cuda:0", "cuda:1"], Devices(after, "orleans_sweep_device_dataset_memory_bytes"));
        Assert.Equal(["cuda:0", "cuda:1"], Devices(after, "orleans_sweep_samples_trained_total"));
        Assert.Equal(["cuda:0", "cuda:1"], Devices(after, "orleans_sweep_epoch_duration_seconds_count"));
        Assert.Equal(["cuda:0", "cuda:1"], Devices(after, "orleans_sweep_slots_busy"));
        // Bounded by the host: no device label outside the plan and the host copy.
        Assert.All(after.Series.Where(s => s.Contains("device=\"")), s => Assert.Contains(Label(s, "device"), new[] { "cpu", "cuda:0", "cuda:1" }));
    }

    [Fact]
    public async Task A_silo_asked_for_a_device_this_host_lacks_exits_2_with_one_line_naming_the_setting()
    {
        using var scope = new ProcessScope("missing-device-");
        using var silo = SiloProcess.Start("silo", scope.Directory, new Dictionary<string, string>
        {
            ["Orleans__StateDirectory"] = Path.Combine(scope.Directory, "state"),
            ["Slots__Devices"] = "cuda:9",
        });
        await Wait.UntilAsync(() => Task.FromResult(silo.HasExited), TimeSpan.FromSeconds(60), "the silo exiting");

        Assert.Equal(2, silo.ExitCode);
        var lines = silo.Tail().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["orleans-sweep silo: Slots:Devices: cuda:9 does not exist: this host has no usable CUDA device " +
            "(a CPU-only build: build with -p:TorchBackend=cuda-linux)"], lines);
    }

    private static List<string> Devices(MetricsText scrape, string name) =>
        scrape.Named(name).Select(s => Label(s, "device")).Distinct().Order().ToList();

    private static string Label(string series, string label)
    {
        var start = series.IndexOf($"{label}=\"", StringComparison.Ordinal) + label.Length + 2;
        return series[start..series.IndexOf('"', start)];
    }
}
