using System.Diagnostics;
using OrleansSweep.Grains;
using OrleansSweep.Grains.Sweeps;

namespace OrleansSweep.Bench.Engine;

/// <summary>Counts commits as the coordinator makes them and signals when a target count is reached.</summary>
public sealed class CommitClock(long target) : ISweepObserver
{
    private long _commits;
    private readonly TaskCompletionSource<TimeSpan> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _clock = new();

    public void Start() => _clock.Restart();
    public Task<TimeSpan> AllCommitted => _done.Task;

    public void TrialCommitted(string sweepId, long trialIndex, int attempt, TrialOutcome outcome)
    {
        if (Interlocked.Increment(ref _commits) == target) _done.TrySetResult(_clock.Elapsed);
    }

    public void LeasesExpired(string sweepId, int count) { }
}
