using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using OrleansSweep.Client.Cli;
using OrleansSweep.Client.Output;
using OrleansSweep.Grains;
using OrleansSweep.Grains.Slots;
using OrleansSweep.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrleansSweep.Client.Commands;

/// <summary>
/// <c>orleans-sweep devices</c>: what this build and host can train on (the libtorch backend, the CPU, each usable CUDA
/// device with its name and memory), and the slot plan the <c>Slots</c> settings give here, read as a silo reads them
/// (an appsettings file, then <c>Slots__*</c> environment variables, then these flags). A requested device that is not
/// here: the same table, then one line on stderr naming the setting or flag, exit 2.
/// </summary>
public sealed class DevicesCommand : Command<DevicesCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--devices <LIST>")]
        [Description("Slots:Devices: auto | cuda | cpu | a list such as cuda:0,cuda:2 (default: the environment's Slots__Devices, else auto)")]
        public string? Devices { get; init; }

        [CommandOption("--per-device <K>")]
        [Description("Slots:PerDevice: trials per device (default: 1 per GPU; on the CPU one per core, at most 8)")]
        public int? PerDevice { get; init; }

        [CommandOption("--slots <N>")]
        [Description("Slots:Count: slots in all, spread over the devices round-robin (default: devices × per device)")]
        public int? Slots { get; init; }

        [CommandOption("--threads <N>")]
        [Description("Slots:ThreadsPerSlot: intra-op threads per trial (default: cores ÷ slots)")]
        public int? Threads { get; init; }

        [CommandOption("--settings <FILE>")]
        [Description("An appsettings.json to read the Slots section from first, as a silo reads the one beside its binary")]
        public string? SettingsFile { get; init; }

        [CommandOption("--json")]
        [Description("One JSON object on stdout")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            Slots < 0 ? ValidationResult.Error($"--slots: must be 0 or more, got {Slots}")
            : PerDevice < 1 ? ValidationResult.Error($"--per-device: must be at least 1, got {PerDevice}")
            : Threads < 0 ? ValidationResult.Error($"--threads: must be 0 or more, got {Threads}")
            : Devices is not null && DevicePlanFlags.DevicesError(Devices) is { } devices ? ValidationResult.Error(devices)
            : SettingsFile is not null && !File.Exists(SettingsFile) ? ValidationResult.Error($"--settings: {SettingsFile} does not exist")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        var options = SlotOptions.From(Configuration(settings).GetSection(SlotOptions.Section));
        var cuda = Training.Devices.Inventory();
        DevicePlan? plan = null;
        string? problem = null;
        try
        {
            plan = DevicePlan.Of(options.DeviceChoice, cuda.Count, options.PerDevice, options.Count, options.ThreadsPerSlot, Environment.ProcessorCount);
        }
        catch (DevicePlanException e)
        {
            problem = $"{Name(e.Input, settings)}: {e.Message}";
        }
        if (settings.Json) Console.Out.WriteLine(SweepJson.Of(Report(options, cuda, plan)));
        else Show(options, cuda, plan);
        if (problem is null) return ExitCodes.Success;
        Console.Error.WriteLine($"error: {problem}");
        return ExitCodes.BadInput;
    }

    /// <summary>The silo's sources, in its order: an appsettings file, the environment, then the flags.</summary>
    private static IConfiguration Configuration(Settings settings)
    {
        var builder = new ConfigurationBuilder();
        if (settings.SettingsFile is { } file) builder.AddJsonFile(Path.GetFullPath(file), optional: false);
        builder.AddEnvironmentVariables();
        builder.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [Key(nameof(SlotOptions.Devices))] = settings.Devices,
            [Key(nameof(SlotOptions.PerDevice))] = Text(settings.PerDevice),
            [Key(nameof(SlotOptions.Count))] = Text(settings.Slots),
            [Key(nameof(SlotOptions.ThreadsPerSlot))] = Text(settings.Threads),
        }.Where(kv => kv.Value is not null));
        return builder.Build();
    }

    /// <summary>The flag when it was given, else the setting (from the environment or the file).</summary>
    private static string Name(DevicePlanInput input, Settings settings) =>
        (input switch
        {
            DevicePlanInput.Devices => settings.Devices is not null,
            DevicePlanInput.PerDevice => settings.PerDevice is not null,
            _ => settings.Slots is not null,
        }) ? DevicePlanFlags.Flag(input) : Key(input.ToString());

    private static void Show(SlotOptions options, IReadOnlyList<DeviceReport> cuda, DevicePlan? plan)
    {
        var backend = Training.Devices.Backend;
        Console.Out.WriteLine($"backend: {backend}" + (backend == "cpu" ? " (CPU-only libtorch; CUDA needs a build with -p:TorchBackend=cuda-linux)" : ""));
        var table = new Table().Border(TableBorder.Simple).AddColumns("device", "name", "memory", "works");
        table.AddRow("cpu", Markup.Escape($"{Environment.ProcessorCount} cores"), "", "yes");
        foreach (var d in cuda)
            table.AddRow(d.Device.ToString(), Markup.Escape(d.Name ?? "(the driver does not say)"), Gib(d.TotalBytes), d.Works ? "yes" : "[red]no[/]");
        if (cuda.Count == 0 && backend != "cpu") table.AddRow("cuda", "[yellow]no usable CUDA device[/]", "", "");
        AnsiConsole.Write(table);
        Console.Out.WriteLine($"slots ({Key(nameof(SlotOptions.Devices))}={options.Devices}" +
            $", {Key(nameof(SlotOptions.PerDevice))}={Text(options.PerDevice) ?? "default"}" +
            $", {Key(nameof(SlotOptions.Count))}={Text(options.Count) ?? "default"}): {plan?.ToString() ?? "none (see the error)"}");
    }

    private static object Report(SlotOptions options, IReadOnlyList<DeviceReport> cuda, DevicePlan? plan) => new
    {
        backend = Training.Devices.Backend,
        cpuCores = Environment.ProcessorCount,
        cuda = cuda.Select(d => new { device = d.Device.ToString(), name = d.Name, totalBytes = d.TotalBytes, works = d.Works }),
        settings = new { devices = options.Devices, perDevice = options.PerDevice, count = options.Count, threadsPerSlot = options.ThreadsPerSlot },
        plan = plan is null ? null : new
        {
            devices = plan.Devices.Select(d => d.ToString()),
            perDevice = plan.PerDevice,
            slots = plan.Slots.Select(d => d.ToString()),
            threadsPerSlot = plan.ThreadsPerSlot,
        },
    };

    private static string Key(string setting) => $"{SlotOptions.Section}:{setting}";
    private static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);
    private static string Gib(long? bytes) => bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / (1024.0 * 1024 * 1024):0.0} GiB") : "";
}
