using System.ComponentModel;
using OrleansSweep.Client.Cli;
using OrleansSweep.Client.Output;
using OrleansSweep.Client.Sweeps;
using Spectre.Console;
using Spectre.Console.Cli;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using OrleansSweep.Hosting;
using OrleansSweep.Grains.Slots;

namespace OrleansSweep.Client.Commands;

/// <summary>
/// <c>orleans-sweep run SPEC</c>: a whole sweep on this machine, in this process (an embedded silo with SQLite state
/// in the state folder). Live progress; the report at the end. Ctrl-C stops gracefully (exit 130); the same
/// command again resumes. After kill -9 the next run resumes too, losing at most the epochs in flight.
/// </summary>
public sealed class RunCommand : AsyncCommand<RunCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<SPEC>")]
        [Description("A sweep-spec YAML file, or a preset name (paper, smoke)")]
        public string Spec { get; init; } = "";

        [CommandOption("--state-dir <DIR>")]
        [Description("Where the sweep's state and checkpoints live (env ORLEANS_SWEEP_STATE_DIR; default ./.orleans-sweep)")]
        public string? StateDirOption { get; init; }

        [CommandOption("--slots <N>")]
        [Description("Trials trained at once (default: devices × --per-device), spread over the devices round-robin")]
        public int? Slots { get; init; }

        [CommandOption("--devices <LIST>")]
        [Description("auto (every visible CUDA device, else the CPU) | cuda | cpu | a list such as cuda:0,cuda:2")]
        [DefaultValue("auto")]
        public string Devices { get; init; } = "auto";

        [CommandOption("--per-device <K>")]
        [Description("Trials per device (default: 1 per GPU; on the CPU one per core, at most 8: bench/README.md, packing)")]
        public int? PerDevice { get; init; }

        [CommandOption("--threads <N>")]
        [Description("Threads per trial (default: this machine's cores divided by --slots)")]
        public int Threads { get; init; }

        [CommandOption("--json")]
        [Description("Progress as one JSON status per second on stdout")]
        public bool Json { get; init; }

        [CommandOption("--metrics <URL>")]
        [Description("Serve /metrics, /healthz, /readyz here (default http://127.0.0.1:9464, or a free port when that is taken; 'off' for none)")]
        public string? Metrics { get; init; }

        [CommandOption("--no-report")]
        [Description("Skip the report at the end")]
        public bool NoReport { get; init; }

        public string StateDir => SweepLocationSettings.ResolveStateDir(StateDirOption);

        /// <summary>The slots these options give on this host; a device that is not here is bad input naming its flag.</summary>
        public DevicePlan Plan() => DevicePlanFlags.Plan(Devices, PerDevice, Slots, Threads);

        public override ValidationResult Validate() =>
            Slots < 1 ? ValidationResult.Error($"--slots: must be at least 1, got {Slots}")
            : PerDevice < 1 ? ValidationResult.Error($"--per-device: must be at least 1, got {PerDevice}")
            : DevicePlanFlags.DevicesError(Devices) is { } devices ? ValidationResult.Error(devices)
            : Threads < 0 ? ValidationResult.Error($"--threads: must be positive, got {Threads}")
            : WritablePath.FolderError("--state-dir", StateDir) is { } unwritable ? ValidationResult.Error(unwritable)
            : Metrics is not null && Metrics != "off" && !Uri.TryCreate(Metrics, UriKind.Absolute, out _)
                ? ValidationResult.Error($"--metrics: '{Metrics}' is not a URL like http://127.0.0.1:9464 (or 'off')")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        if (SpecLoading.Load(settings.Spec, requireData: true, Console.Error) is not { } spec) return ExitCodes.BadInput;
        var plan = settings.Plan();   // a device that is not here: bad input, before anything is created
        var metricsUrl = MetricsUrl(settings.Metrics);
        EmbeddedSilo.EnsureMetricsFree(metricsUrl);
        using var folder = StateDirLock.Acquire(settings.StateDir);
        var silo = await EmbeddedSilo.StartAsync(settings.StateDir,
            new EmbeddedSlots(settings.Slots, settings.Threads, settings.Devices, settings.PerDevice), metricsUrl, cancellation);
        SweepStatus last;
        try
        {
            folder.Publish(silo.GatewayPort);
            var sweep = silo.Grains.GetGrain<ISweepGrain>(spec.Name);
            var reply = await sweep.Start(spec);
            if (!reply.Accepted)
                throw new BadInputException(reply.Field == "epochs" ? $"epochs: {reply.Error}"
                    : $"name: {reply.Error} in {settings.StateDir} (rename the sweep or use another --state-dir)");
            Console.Error.WriteLine(reply switch
            {
                { Reopened: > 0 } => $"Sweep {spec.Name}: epochs raised to {spec.Epochs}; {reply.Reopened} completed trials train on from their checkpoints, in {settings.StateDir}",
                { AlreadyStarted: true } => $"Resuming sweep {spec.Name} ({reply.Trials} trials) from {settings.StateDir}",
                _ => $"Sweep {spec.Name}: {reply.Trials} trials, {plan}, state in {settings.StateDir}",
            });
            if (silo.MetricsUrl is { } metrics) Console.Error.WriteLine($"Metrics: {metrics}/metrics");
            last = await SweepFollower.FollowAsync(sweep, settings.Json, cancellation);
            if (SweepFollower.Ended(last) && !settings.NoReport)
                await ReportWriter.WriteAsync(silo.Grains, spec, ReportWriter.DefaultFolder(settings.StateDir, spec.Name), Console.Error, Console.Error);
        }
        finally
        {
            if (cancellation.IsCancellationRequested) Console.Error.WriteLine("Stopping: running trials keep their last finished epoch…");
            folder.Withdraw();
            await silo.DisposeAsync();
        }
        if (!SweepFollower.Ended(last))
        {
            Console.Error.WriteLine($"Stopped at {last.Progress:P1}. Run the same command to resume.");
            return ExitCodes.Cancelled;
        }
        Console.Error.WriteLine(SweepStatusView.Line(last));
        if (Failed(last) > 0)
            Console.Error.WriteLine($"error: {Failed(last)} of {last.Trials} trials failed; their errors are in the results' error column (`orleans-sweep results {spec.Name} --out F`)");
        return ExitCodeOf(last);
    }

    /// <summary>0 only for a sweep that completed with no failed trial: a cancelled sweep, or one with a trial whose
    /// training kept throwing, is a failure a script must see (diverged trials are results, not failures).</summary>
    public static int ExitCodeOf(SweepStatus ended) =>
        ended.Phase == SweepPhase.Completed && Failed(ended) == 0 ? ExitCodes.Success : ExitCodes.Failure;

    private static long Failed(SweepStatus status) => SweepStatusView.Count(status, TrialStatus.Failed);

    private static string? MetricsUrl(string? option) => option switch
    {
        "off" => null,
        null => EmbeddedSilo.DefaultMetrics,
        { } url => url,
    };
}
