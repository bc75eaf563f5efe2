using OrleansSweep.Client.Output;
using OrleansSweep.Client.Sweeps;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrleansSweep.Client.Commands;

/// <summary><c>orleans-sweep status SWEEP</c>: the sweep's status once (table, or <c>--json</c>).</summary>
public sealed class StatusCommand : AsyncCommand<SweepIdSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SweepIdSettings settings, CancellationToken cancellation)
    {
        await using var connection = await SweepConnection.OpenAsync(settings, cancellation);
        var status = await (await connection.ExistingSweepAsync(settings.SweepId)).GetStatus();
        if (settings.Json) Console.WriteLine(SweepJson.Status(status));
        else AnsiConsole.Write(SweepStatusView.Render(status));
        return 0;
    }
}
