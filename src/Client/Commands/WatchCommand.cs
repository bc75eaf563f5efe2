using OrleansSweep.Client.Output;
using OrleansSweep.Client.Sweeps;
using Spectre.Console.Cli;

namespace OrleansSweep.Client.Commands;

/// <summary><c>orleans-sweep watch SWEEP</c>: the status, live, until the sweep ends (exit 0) or Ctrl-C (exit 130).</summary>
public sealed class WatchCommand : AsyncCommand<SweepIdSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SweepIdSettings settings, CancellationToken cancellation)
    {
        await using var connection = await SweepConnection.OpenAsync(settings, cancellation);
        var sweep = await connection.ExistingSweepAsync(settings.SweepId);
        if (!connection.Trains)
        {
            var status = await sweep.GetStatus();
            Console.WriteLine(settings.Json ? SweepJson.Status(status) : SweepStatusView.Line(status));
            if (!SweepFollower.Ended(status))
                Console.Error.WriteLine($"note: no process is running {connection.Where}; `orleans-sweep run` continues the sweep");
            return Cli.ExitCodes.Success;
        }
        var last = await SweepFollower.FollowAsync(sweep, settings.Json, cancellation);
        return SweepFollower.Ended(last) ? Cli.ExitCodes.Success : Cli.ExitCodes.Cancelled;
    }
}
