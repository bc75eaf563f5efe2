using System.Globalization;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Bench.Engine;

/// <summary>
/// Where a scheduling run's overhead goes, from the trials' own attempt records (each names its slot, start and
/// end): per slot, the wait before its first trial, what each trial took beyond its epoch, the gaps between one
/// trial's end and the next one's start (release, claim, activation), and the idle time after its last trial.
/// Averaged over slots, the four add up to the wall time minus the floor.
/// </summary>
public static class SlotTimeline
{
    public static async Task<string> DescribeAsync(IGrainFactory grains, string sweepId, int trials, double seconds,
        DateTimeOffset started, TimeSpan wall)
    {
        var snapshots = await Task.WhenAll(Enumerable.Range(0, trials)
            .Select(i => grains.GetGrain<ITrialGrain>(LeaseRef.TrialKeyOf(sweepId, i)).GetSnapshot()));
        var attempts = snapshots.SelectMany(s => s.Attempts).Where(a => a.EndedAt is not null).ToList();
        var end = started + wall;
        var slots = attempts.GroupBy(a => a.Slot).Select(slot =>
        {
            var runs = slot.OrderBy(a => a.StartedAt).ToList();
            var extra = runs.Sum(a => (a.EndedAt!.Value - a.StartedAt).TotalSeconds - seconds);
            var gaps = runs.Zip(runs.Skip(1)).Sum(p => (p.Second.StartedAt - p.First.EndedAt!.Value).TotalSeconds);
            return (First: (runs[0].StartedAt - started).TotalSeconds, Extra: extra, Gaps: gaps,
                    Idle: (end - runs[^1].EndedAt!.Value).TotalSeconds, Trials: runs.Count);
        }).ToList();
        var perTrialExtra = slots.Sum(s => s.Extra) / attempts.Count;
        var perGap = slots.Sum(s => s.Gaps) / Math.Max(1, attempts.Count - slots.Count);
        return string.Create(CultureInfo.InvariantCulture,
            $"per slot (mean of {slots.Count}): first trial after {slots.Average(s => s.First):F3} s, trials beyond their epoch " +
            $"{slots.Average(s => s.Extra):F3} s ({1000 * perTrialExtra:F1} ms a trial), gaps between trials {slots.Average(s => s.Gaps):F3} s " +
            $"({1000 * perGap:F1} ms a gap), idle after the last {slots.Average(s => s.Idle):F3} s");
    }
}
