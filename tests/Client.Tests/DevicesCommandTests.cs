using System.Text.Json;

namespace OrleansSweep.Client.Tests;

/// <summary>
/// `orleans-sweep devices` and the device flags of `train` and `run`, through the CLI process on this CPU-only build:
/// what it can train on, the slot plan from the same Slots settings a silo reads (file, environment, flags), and a
/// requested device that is missing as one stderr line naming the flag or setting, exit 2.
/// </summary>
public sealed class DevicesCommandTests
{
    private const string NoCuda = "this host has no usable CUDA device (a CPU-only build: build with -p:TorchBackend=cuda-linux)";

    [Fact]
    public async Task It_shows_the_backend_the_cpu_and_the_slot_plan()
    {
        var result = await CliProcess.RunAsync("devices", "--per-device", "3");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        Assert.StartsWith("backend: cpu (CPU-only libtorch", result.Stdout[0]);
        Assert.Contains(result.Stdout, line => line.Trim().StartsWith("cpu ", StringComparison.Ordinal) && line.Contains($"{Environment.ProcessorCount} cores"));
        Assert.Equal("slots (Slots:Devices=auto, Slots:PerDevice=3, Slots:Count=default): 3 slots: cpu ×3; " +
            $"{Math.Max(1, Environment.ProcessorCount / 3)} intra-op thread{(Environment.ProcessorCount / 3 > 1 ? "s" : "")} each", result.Stdout[^1]);
    }

    [Fact]
    public async Task Json_gives_the_same_as_one_object()
    {
        var result = await CliProcess.RunAsync("devices", "--slots", "5", "--threads", "1", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(Assert.Single(result.Stdout));
        var root = json.RootElement;
        Assert.Equal("cpu", root.GetProperty("backend").GetString());
        Assert.Equal(0, root.GetProperty("cuda").GetArrayLength());
        Assert.Equal(["cpu", "cpu", "cpu", "cpu", "cpu"], root.GetProperty("plan").GetProperty("slots").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(1, root.GetProperty("plan").GetProperty("threadsPerSlot").GetInt32());
    }

    [Fact]
    public async Task It_reads_the_settings_a_silo_reads_file_then_environment_then_flags()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("devices-settings-").FullName, "appsettings.json");
        File.WriteAllText(file, """{ "Slots": { "Devices": "cpu", "PerDevice": 2, "ThreadsPerSlot": 1 } }""");

        var fromFile = await CliProcess.RunAsync("devices", "--settings", file);
        var fromEnvironment = await CliProcess.RunAsync(new Dictionary<string, string> { ["Slots__PerDevice"] = "4" }, TimeSpan.FromMinutes(1),
            "devices", "--settings", file);
        var fromFlag = await CliProcess.RunAsync(new Dictionary<string, string> { ["Slots__PerDevice"] = "4" }, TimeSpan.FromMinutes(1),
            "devices", "--settings", file, "--per-device", "1");

        Assert.EndsWith("2 slots: cpu ×2; 1 intra-op thread each", fromFile.Stdout[^1]);
        Assert.EndsWith("4 slots: cpu ×4; 1 intra-op thread each", fromEnvironment.Stdout[^1]);
        Assert.EndsWith("1 slot: cpu ×1; 1 intra-op thread each", fromFlag.Stdout[^1]);
    }

    [Fact]
    public async Task A_missing_device_is_one_line_naming_the_flag_after_the_table()
    {
        var result = await CliProcess.RunAsync("devices", "--devices", "cuda:0,cuda:1", "--per-device", "2");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: --devices: cuda:0 does not exist: {NoCuda}", Assert.Single(result.Stderr));
        Assert.StartsWith("backend: cpu", result.Stdout[0]);
    }

    [Fact]
    public async Task A_missing_device_from_the_environment_names_the_setting()
    {
        var result = await CliProcess.RunAsync(new Dictionary<string, string> { ["Slots__Devices"] = "cuda:9" }, TimeSpan.FromMinutes(1), "devices");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: Slots:Devices: cuda:9 does not exist: {NoCuda}", Assert.Single(result.Stderr));
    }

    [Theory]
    [InlineData("error: --devices: 'gpu' is not a device (cpu or cuda:N, N = 0, 1, …); give auto, cuda, cpu or devices such as cuda:0,cuda:1", "devices", "--devices", "gpu")]
    [InlineData("error: --devices: cuda:0 is listed twice", "devices", "--devices", "cuda:0,cuda:0")]
    [InlineData("error: --per-device: must be at least 1, got 0", "devices", "--per-device", "0")]
    [InlineData("error: --slots: 3 contradicts 2 per device on 1 device(s) (2 slots): set the count or the packing, not both", "devices", "--devices", "cpu", "--per-device", "2", "--slots", "3")]
    [InlineData("error: --device: cuda:0 does not exist: " + NoCuda, "train", "--device", "cuda:0", "--subset", "10", "--data-dir", CliProcess.FashionMnist)]
    [InlineData("error: --device: cuda: " + NoCuda, "train", "--device", "cuda", "--subset", "10", "--data-dir", CliProcess.FashionMnist)]
    [InlineData("error: --device: train uses one device, got cuda:0,cuda:1", "train", "--device", "cuda:0,cuda:1")]
    [InlineData("error: --devices: cuda:1 does not exist: " + NoCuda, "run", "smoke", "--devices", "cuda:1")]
    [InlineData("error: --per-device: must be at least 1, got 0", "run", "smoke", "--per-device", "0")]
    public async Task Bad_device_input_is_exit_2_and_one_line_naming_the_option(string expected, params string[] args)
    {
        var state = Directory.CreateTempSubdirectory("devices-run-").FullName;
        var result = await CliProcess.RunAsync(args[0] == "run" ? [.. args, "--state-dir", Path.Combine(state, "s")] : args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, Assert.Single(result.Stderr));
        Assert.False(Directory.Exists(Path.Combine(state, "s")));   // run: nothing created
    }

    [Fact]
    public async Task Train_on_cpu_by_name_records_the_device_in_every_epoch()
    {
        var result = await CliProcess.RunAsync("train", "--data-dir", CliProcess.FashionMnist, "--subset", "100",
            "--layers", "1", "--filters", "4", "--epochs", "1", "--device", "cpu", "--threads", "1", "--json");

        Assert.Equal(0, result.ExitCode);
        using var epoch = JsonDocument.Parse(result.Stdout[0]);
        Assert.Equal("cpu", epoch.RootElement.GetProperty("device").GetString());
    }
}
