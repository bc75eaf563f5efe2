using System.ComponentModel;
using System.Globalization;
using OrleansSweep.Client.Cli;
using OrleansSweep.Grains.Specs;
using OrleansSweep.Training.Vocabulary;
using Spectre.Console;
using Spectre.Console.Cli;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Client.Commands;

/// <summary>
/// <c>orleans-sweep plan SPEC|PRESET [--json]</c>: validates a spec and shows what it would run (trial count,
/// factor values, first trials). Starts and creates nothing. Exit 0 when valid, 2 with one
/// "error: field: reason" line per problem on stderr otherwise. Missing data files are only warnings here
/// (run and submit refuse them), so a plan can be made on a machine without the data.
/// </summary>
public sealed class PlanCommand : Command<PlanCommand.Settings>
{
    public const int InvalidSpecExitCode = 2;
    private const int TrialsShown = 10;

    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<SPEC>")]
        [Description("A sweep-spec YAML file, or a preset name (paper, smoke)")]
        public string Spec { get; init; } = "";

        [CommandOption("--json")]
        [Description("Print the plan as one JSON object {name, trials, gridSize, factors, firstTrials, warnings}")]
        public bool Json { get; init; }
    }

    /// <summary>Adds the command to the CLI: <c>config.AddCommand&lt;PlanCommand&gt;("plan")</c> with help text.</summary>
    public static void Register(IConfigurator config) =>
        config.AddCommand<PlanCommand>("plan")
            .WithDescription("Validate a sweep spec and show its trials, starting nothing")
            .WithExample("plan", "paper")
            .WithExample("plan", "my-sweep.yaml", "--json");

    // Plan creates nothing: a signal ends it at once, whatever it is reading.
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        ConsoleCancellation.Interruptible(() => Run(settings.Spec, settings.Json, Console.Out, Console.Error));

    /// <summary>The whole command, with its output streams passed in (tests call this).</summary>
    public static int Run(string specOrPreset, bool json, TextWriter stdout, TextWriter stderr)
    {
        var result = SpecSource.Load(specOrPreset);
        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
                stderr.WriteLine($"error: {error}");
            return InvalidSpecExitCode;
        }
        // Parse again with the data check so its findings carry YAML line numbers.
        var warnings = SpecSource.Load(specOrPreset, DataFilesCheck.Default).Errors.Select(e => e.ToString()).ToList();
        foreach (var warning in warnings)
            stderr.WriteLine($"warning: {warning}");

        var plan = SweepPlan.Of(result.Spec, TrialsShown);
        if (json)
            stdout.WriteLine(plan.ToJson(warnings));
        else
            Render(CreateConsole(stdout), result.Spec, plan);
        return 0;
    }

    private static void Render(IAnsiConsole console, SweepSpec spec, SweepPlan plan)
    {
        var sample = spec.Sample is null ? "" : $", a seeded sample of the grid's {plan.GridSize}";
        console.WriteLine($"Sweep {plan.Name}: {plan.Trials} trials{sample}");
        console.WriteLine($"epochs {spec.Epochs}, replicates {spec.Replicates}, seed {spec.Seed}, data subset "
            + $"{spec.Data.Subset?.ToString(CultureInfo.InvariantCulture) ?? "all"}, retry {spec.Retry.MaxAttempts} "
            + $"attempts {Number(spec.Retry.BackoffSeconds)} s apart, lease {spec.LeaseTimeoutSeconds} s");

        var factors = new Table().AddColumns("factor", "values", "count");
        foreach (var (factor, values) in plan.Factors)
            factors.AddRow(Cell(factor), Cell(string.Join(", ", values.Select(Value))), Cell(values.Count));
        console.Write(factors);

        console.WriteLine($"First {plan.FirstTrials.Count} trials (architecture varies fastest: twins are adjacent):");
        var trials = new Table().AddColumns("#", "dataset", "architecture", "L", "F", "k", "activation", "bn",
            "optimizer", "lr", "batch", "rep", "seed");
        foreach (var t in plan.FirstTrials)
            trials.AddRow(Cell(t.Index), Cell(t.Dataset), Cell(t.Architecture), Cell(t.Layers), Cell(t.Filters),
                Cell(t.Kernel), Cell(t.Activation), Cell(Value(t.BatchNorm)), Cell(t.Optimizer),
                Cell(Number(t.LearningRate)), Cell(t.BatchSize), Cell(t.Replicate), Cell(t.Seed));
        console.Write(trials);
    }

    private static IAnsiConsole CreateConsole(TextWriter stdout)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });
        if (!console.Profile.Out.IsTerminal)
            console.Profile.Width = 160;   // redirected: don't squeeze the trial table into 80 columns
        return console;
    }

    // Text, not markup: spec values are user input and may contain '['.
    private static Text Cell(object value) => new(Value(value));

    private static string Value(object value) => value switch
    {
        bool flag => flag ? "on" : "off",
        Enum name => Names.Of(name),
        double number => Number(number),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Number(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
