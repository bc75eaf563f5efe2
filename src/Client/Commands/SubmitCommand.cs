using System.ComponentModel;
using OrleansSweep.Client.Cli;
using OrleansSweep.Client.Output;
using OrleansSweep.Client.Sweeps;
using Spectre.Console.Cli;

namespace OrleansSweep.Client.Commands;

/// <summary>
/// <c>orleans-sweep submit SPEC --cluster REDIS</c>: starts a sweep on a running cluster and prints its id.
/// Submitting the same spec again is a no-op; one that only raises a completed sweep's epochs trains it on; any
/// other spec under a used name is refused (exit 2).
/// </summary>
public sealed class SubmitCommand : AsyncCommand<SubmitCommand.Settings>
{
    public sealed class Settings : SweepLocationSettings
    {
        [CommandArgument(0, "<SPEC>")]
        [Description("A sweep-spec YAML file, or a preset name (paper, smoke)")]
        public string Spec { get; init; } = "";

        [CommandOption("--json")]
        [Description("Print {sweepId, trials, alreadyStarted}")]
        public bool Json { get; init; }

        public override Spectre.Console.ValidationResult Validate() =>
            !IsCluster
                ? Spectre.Console.ValidationResult.Error("--cluster: submit needs a cluster (--cluster REDIS, --gateway HOST:PORT or ORLEANS_SWEEP_CLUSTER); `orleans-sweep run` runs a sweep on this machine")
                : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        if (SpecLoading.Load(settings.Spec, requireData: false, Console.Error) is not { } spec) return ExitCodes.BadInput;
        await using var connection = await SweepConnection.OpenAsync(settings, cancellation);
        var reply = await connection.Sweep(spec.Name).Start(spec);
        if (!reply.Accepted) throw new BadInputException($"{reply.Field ?? "name"}: {reply.Error}");
        if (settings.Json)
            Console.WriteLine(SweepJson.Of(new { sweepId = spec.Name, trials = reply.Trials, alreadyStarted = reply.AlreadyStarted, reopened = reply.Reopened }));
        else
        {
            Console.Error.WriteLine(reply switch
            {
                { Reopened: > 0 } => $"Sweep {spec.Name}: epochs raised to {spec.Epochs}; {reply.Reopened} completed trials train on from their checkpoints.",
                { AlreadyStarted: true } => $"Sweep {spec.Name} was already submitted ({reply.Trials} trials); nothing changed.",
                _ => $"Submitted sweep {spec.Name}: {reply.Trials} trials. Follow it with `orleans-sweep watch {spec.Name} --cluster …`.",
            });
            Console.WriteLine(spec.Name);
        }
        return ExitCodes.Success;
    }
}
