using System.ComponentModel;
using System.Globalization;
using OrleansSweep.Client.Output;
using OrleansSweep.Client.Sweeps;
using Spectre.Console;
using Spectre.Console.Cli;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Client.Commands;

/// <summary><c>orleans-sweep list</c>: every sweep in a state folder or cluster, with its phase and progress.</summary>
public sealed class ListCommand : AsyncCommand<ListCommand.Settings>
{
    public sealed class Settings : SweepLocationSettings
    {
        [CommandOption("--json")]
        [Description("Print a JSON array of {sweepId, phase, trials, done, progress, createdAt}")]
        public bool Json { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        await using var connection = await SweepConnection.OpenAsync(settings, cancellation);
        var entries = await connection.Grains.GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).List();
        var rows = new List<(SweepEntry Entry, SweepStatus Status)>();
        foreach (var entry in entries.OrderBy(e => e.CreatedAt))
            rows.Add((entry, await connection.Sweep(entry.SweepId).GetStatus()));

        if (settings.Json)
        {
            Console.WriteLine(SweepJson.Of(rows.Select(r => new
            {
                sweepId = r.Entry.SweepId, phase = r.Status.Phase, trials = r.Status.Trials,
                done = SweepStatusView.Done(r.Status), progress = r.Status.Progress, createdAt = r.Entry.CreatedAt,
            })));
            return 0;
        }
        if (rows.Count == 0)
        {
            Console.WriteLine($"No sweeps in {connection.Where}.");
            return 0;
        }
        var table = new Table().AddColumns("sweep", "phase", "done", "trials", "progress", "created");
        foreach (var (entry, status) in rows)
            table.AddRow(Markup.Escape(entry.SweepId), status.Phase.ToString().ToLowerInvariant(),
                SweepStatusView.Done(status).ToString(CultureInfo.InvariantCulture), status.Trials.ToString(CultureInfo.InvariantCulture),
                status.Progress.ToString("P1", CultureInfo.InvariantCulture), entry.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        return 0;
    }
}
