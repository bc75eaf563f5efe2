using System.Collections.Concurrent;
using System.Diagnostics;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using OrleansSweep.Grains.Coordinator;

namespace OrleansSweep.Bench.Engine;

/// <summary>Times sweeps from their start to their N-th commit, as the coordinator makes the commits.</summary>
public sealed class CommitClock : ISweepObserver
{
    private readonly ConcurrentDictionary<string, Tracked> _sweeps = new();

    /// <summary>Starts timing <paramref name="sweepId"/>; the task ends with the elapsed time at its <paramref name="commits"/>-th commit.</summary>
    public Task<TimeSpan> Track(string sweepId, long commits)
    {
        var tracked = new Tracked(commits);
        _sweeps[sweepId] = tracked;
        return tracked.Done.Task;
    }

    public void TrialCommitted(string sweepId, long trialIndex, int attempt, TrialOutcome outcome)
    {
        if (_sweeps.TryGetValue(sweepId, out var tracked) && Interlocked.Increment(ref tracked.Commits) == tracked.Target)
            tracked.Done.TrySetResult(tracked.Clock.Elapsed);
    }

    public void LeasesExpired(string sweepId, int count) { }

    private sealed class Tracked(long target)
    {
        public readonly long Target = target;
        public long Commits;
        public readonly Stopwatch Clock = Stopwatch.StartNew();
        public readonly TaskCompletionSource<TimeSpan> Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
