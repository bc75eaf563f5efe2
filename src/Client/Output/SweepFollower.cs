using Spectre.Console;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Client.Output;

/// <summary>
/// Shows a sweep's status until it ends (completed or cancelled) or the token fires: a live table on a
/// terminal, one line per change when output is redirected, one JSON object per poll with <c>--json</c>.
/// </summary>
public static class SweepFollower
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>The last status seen. Returns early (without throwing) when <paramref name="stop"/> fires.</summary>
    public static async Task<SweepStatus> FollowAsync(ISweepGrain sweep, bool json, CancellationToken stop)
    {
        var status = await sweep.GetStatus();
        if (json || !AnsiConsole.Profile.Capabilities.Interactive)
            return await PrintAsync(sweep, status, json, stop);
        await AnsiConsole.Live(SweepStatusView.Render(status)).AutoClear(false).StartAsync(async live =>
        {
            while (!Ended(status) && await DelayAsync(stop))
            {
                status = await sweep.GetStatus();
                live.UpdateTarget(SweepStatusView.Render(status));
            }
        });
        return status;
    }

    public static bool Ended(SweepStatus status) => status.Phase is SweepPhase.Completed or SweepPhase.Cancelled;

    private static async Task<SweepStatus> PrintAsync(ISweepGrain sweep, SweepStatus status, bool json, CancellationToken stop)
    {
        var last = "";
        while (true)
        {
            var line = json ? SweepJson.Status(status) : SweepStatusView.Line(status);
            if (json || Changed(line, last)) Console.WriteLine(line);
            last = line;
            if (Ended(status) || !await DelayAsync(stop)) return status;
            status = await sweep.GetStatus();
        }
    }

    /// <summary>Redirected output gets a line when the counts change, not on every tick of the ETA.</summary>
    private static bool Changed(string line, string last) => line.Split(" — ")[..2].SequenceEqual(last.Split(" — ").Take(2)) is false;

    private static async Task<bool> DelayAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(Interval, stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
