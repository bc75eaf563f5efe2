using System.ComponentModel;
using OrleansSweep.Client.Cli;
using OrleansSweep.Client.Sweeps;
using Spectre.Console.Cli;

namespace OrleansSweep.Client.Commands;

/// <summary>
/// <c>orleans-sweep report SWEEP --out DIR</c>: report.md with the deep-vs-shallow statistics, plus plots. A sweep
/// with no finished trial still gets a report that says so, one warning line on stderr, and exit 0.
/// </summary>
public sealed class ReportCommand : AsyncCommand<ReportCommand.Settings>
{
    public sealed class Settings : SweepIdSettings
    {
        [CommandOption("--out <DIR>")]
        [Description("The report folder (created; default ./report-SWEEP)")]
        public string? Out { get; init; }

        public string OutDirectory => Out ?? $"report-{SweepId}";

        public override Spectre.Console.ValidationResult Validate() =>
            WritablePath.FolderError("--out", OutDirectory) is { } unwritable
                ? Spectre.Console.ValidationResult.Error(unwritable)
                : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        await using var connection = await SweepConnection.OpenAsync(settings, cancellation);
        var spec = await connection.SpecOfAsync(settings.SweepId);
        await ReportWriter.WriteAsync(connection.Grains, spec, settings.OutDirectory, Console.Out, Console.Error, cancellation);
        return ExitCodes.Success;
    }
}
