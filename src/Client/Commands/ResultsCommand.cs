using System.ComponentModel;
using OrleansSweep.Client.Cli;
using OrleansSweep.Client.Results;
using OrleansSweep.Client.Sweeps;
using Spectre.Console.Cli;

namespace OrleansSweep.Client.Commands;

/// <summary><c>orleans-sweep results SWEEP --format csv|jsonl|parquet --out FILE [--epochs]</c>: one row per trial.</summary>
public sealed class ResultsCommand : AsyncCommand<ResultsCommand.Settings>
{
    public sealed class Settings : SweepIdSettings
    {
        [CommandOption("--format <FORMAT>")]
        [Description("csv, jsonl or parquet (default: from the --out extension, else csv)")]
        public string? Format { get; init; }

        [CommandOption("--out <FILE>")]
        [Description("The file to write (written whole or not at all)")]
        public string Out { get; init; } = "";

        [CommandOption("--epochs")]
        [Description("Add every trial's per-epoch history")]
        public bool Epochs { get; init; }

        public ResultFormat ResultFormat => (Format ?? Path.GetExtension(Out).TrimStart('.')).ToLowerInvariant() switch
        {
            "jsonl" or "json" => ResultFormat.Jsonl,
            "parquet" => ResultFormat.Parquet,
            _ => ResultFormat.Csv,
        };

        public override Spectre.Console.ValidationResult Validate() =>
            Out.Length == 0 ? Spectre.Console.ValidationResult.Error("--out: required (the file to write)")
            : Format is not null && Format.ToLowerInvariant() is not ("csv" or "jsonl" or "parquet")
                ? Spectre.Console.ValidationResult.Error($"--format: '{Format}' is not csv, jsonl or parquet")
            : WritablePath.FileError("--out", Out) is { } unwritable ? Spectre.Console.ValidationResult.Error(unwritable)
            : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        await using var connection = await SweepConnection.OpenAsync(settings, cancellation);
        var spec = await connection.SpecOfAsync(settings.SweepId);
        var results = await SweepResults.FetchAsync(connection.Grains, spec, settings.Epochs, cancellation);
        var rows = ResultRows.From(spec, results.Trials, results.Epochs);
        await ResultExport.WriteAsync(rows, settings.Epochs ? results.Epochs : null, settings.ResultFormat, settings.Out, cancellation);
        Console.Error.WriteLine($"Wrote {rows.Count} trials to {settings.Out} ({settings.ResultFormat.ToString().ToLowerInvariant()})");
        return ExitCodes.Success;
    }
}
