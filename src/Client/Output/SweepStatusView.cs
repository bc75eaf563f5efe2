using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Client.Output;

/// <summary>
/// A sweep's status as one renderable: phase, progress bar, trials by state, ETA, throughput, slots busy per silo and
/// device, where each running trial trains, and the best validation loss of each arm. Used by status (once), and watch
/// and run (live).
/// </summary>
public static class SweepStatusView
{
    public static IRenderable Render(SweepStatus status)
    {
        var grid = new Grid().AddColumn();
        grid.AddRow(new Markup($"[bold]{Markup.Escape(status.SweepId)}[/]  {Phase(status.Phase)}  {Counts(status)}"));
        grid.AddRow(new BreakdownChart().Width(60).HideTags()
            .AddItem("done", Done(status), Color.Green)
            .AddItem("running", Count(status, TrialStatus.Running), Color.Yellow)
            .AddItem("claimed", status.Claimed, Color.Olive)
            .AddItem("queued", Count(status, TrialStatus.Queued), Color.Grey));
        grid.AddRow(new Markup(Markup.Escape(Pace(status))));
        if (status.Running.Count > 0)
        {
            grid.AddRow(new Markup(Markup.Escape("slots busy: " + SlotsBusy(status))));
            grid.AddRow(Running(status));
        }
        if (status.Arms.Count > 0) grid.AddRow(Arms(status));
        return grid;
    }

    /// <summary>One line for logs and non-interactive output.</summary>
    public static string Line(SweepStatus status) =>
        $"{status.SweepId}: {status.Phase.ToString().ToLowerInvariant()} {status.Progress:P0} — {Counts(status)} — {Pace(status)}";

    public static long Count(SweepStatus status, TrialStatus state) => status.Counts.TryGetValue(state, out var n) ? n : 0;

    public static long Done(SweepStatus status) =>
        status.Counts.Where(c => c.Key.IsTerminal()).Sum(c => c.Value);

    private static string Counts(SweepStatus s) =>
        $"{Done(s)}/{s.Trials} done ({Count(s, TrialStatus.Completed)} completed, {Count(s, TrialStatus.Diverged)} diverged, "
        + $"{Count(s, TrialStatus.Failed)} failed, {Count(s, TrialStatus.Cancelled)} cancelled), "
        + $"{Count(s, TrialStatus.Running)} running, " + (s.Claimed > 0 ? $"{s.Claimed} claimed ahead, " : "")
        + $"{Count(s, TrialStatus.Queued)} queued";

    private static string Pace(SweepStatus s)
    {
        var eta = s.Eta is { } e ? Duration(e) : "—";
        var rate = s.TrialsPerHour > 0 ? s.TrialsPerHour.ToString("#,0.#", CultureInfo.InvariantCulture) : "—";
        return string.Create(CultureInfo.InvariantCulture,
            $"{s.Progress:P1} · ETA {eta} · {rate} trials/h · {s.Retries} retries · {s.Interruptions} interruptions ({s.LeaseExpiries} lease expiries)");
    }

    /// <summary>Running trials per silo and device (the slot reference is "silo#slot"), e.g. "S10.0.0.5:11111:1 4 (cuda:0 2, cuda:1 2)";
    /// a lease claimed ahead occupies no slot yet.</summary>
    private static string SlotsBusy(SweepStatus s) =>
        string.Join(", ", s.Running.Where(r => !r.Claimed).GroupBy(r => r.Slot.Split('#')[0]).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()} (" + string.Join(", ", g.GroupBy(DeviceOf).OrderBy(d => d.Key, StringComparer.Ordinal)
                .Select(d => $"{d.Key} {d.Count()}")) + ")"));

    /// <summary>At most this many running trials are listed one by one.</summary>
    private const int RunningRows = 16;

    /// <summary>Where each running trial trains: its device and slot, its attempt and epochs so far.</summary>
    private static Table Running(SweepStatus s)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns("running trial", "device", "slot", "attempt", "epochs", "last val loss");
        foreach (var r in s.Running.OrderBy(r => r.TrialIndex).Take(RunningRows))
            table.AddRow(N(r.TrialIndex), Markup.Escape(DeviceOf(r)), Markup.Escape(r.Slot), N(r.Attempt),
                r.Claimed ? "claimed ahead" : N(r.EpochsDone), Loss(r.LastValLoss));
        if (s.Running.Count > RunningRows) table.AddRow($"… {s.Running.Count - RunningRows} more", "", "", "", "", "");
        return table;
    }

    private static string DeviceOf(RunningTrial r) => r.Device ?? "?";

    private static Table Arms(SweepStatus s)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns("arm", "finished", "best val loss", "best trial", "mean val loss");
        foreach (var arm in s.Arms.OrderBy(a => a.Arm, StringComparer.Ordinal))
            table.AddRow(Markup.Escape(arm.Arm), N(arm.Finished), Loss(arm.BestValLoss), N(arm.BestTrial), Loss(arm.MeanValLoss));
        return table;
    }

    private static string Phase(SweepPhase phase) => phase switch
    {
        SweepPhase.Running => "[yellow]running[/]",
        SweepPhase.Completed => "[green]completed[/]",
        SweepPhase.Paused => "[blue]paused[/]",
        SweepPhase.Cancelled => "[red]cancelled[/]",
        _ => "not started",
    };

    public static string Duration(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:00}m" : t.TotalMinutes >= 1 ? $"{t.Minutes}m{t.Seconds:00}s" : $"{t.Seconds}s";

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
    private static string Loss(double x) => double.IsFinite(x) ? x.ToString("0.0000", CultureInfo.InvariantCulture) : "—";
}
