using OrleansSweep.Client.Output;
using OrleansSweep.Client.Sweeps;
using Spectre.Console.Cli;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Client.Commands;

/// <summary>What <c>cancel</c>, <c>pause</c> and <c>resume</c> do to a sweep (registered with one of these as data).</summary>
public enum SweepControl { Cancel, Pause, Resume }

/// <summary>
/// <c>orleans-sweep cancel|pause|resume SWEEP</c>. Cancel stops running trials within a batch and ends the sweep;
/// pause stops them too but keeps their epochs for resume. Prints the new phase.
/// </summary>
public sealed class ControlCommand : AsyncCommand<SweepIdSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SweepIdSettings settings, CancellationToken cancellation)
    {
        var control = (SweepControl)(context.Data ?? throw new InvalidOperationException("registered without a SweepControl"));
        await using var connection = await SweepConnection.OpenAsync(settings, cancellation);
        var sweep = await connection.ExistingSweepAsync(settings.SweepId);
        var before = await sweep.GetStatus();
        if (before.Phase is SweepPhase.Completed or SweepPhase.Cancelled)
        {
            Console.Error.WriteLine($"error: SWEEP: '{settings.SweepId}' has already ended ({before.Phase.ToString().ToLowerInvariant()})");
            return Cli.ExitCodes.BadInput;
        }
        await (control switch
        {
            SweepControl.Cancel => sweep.Cancel(),
            SweepControl.Pause => sweep.Pause(),
            _ => sweep.Resume(),
        });
        var after = await sweep.GetStatus();
        Console.WriteLine(settings.Json ? SweepJson.Status(after) : SweepStatusView.Line(after));
        return 0;
    }
}
