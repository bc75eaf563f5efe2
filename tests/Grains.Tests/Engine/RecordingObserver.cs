using System.Collections.Concurrent;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using OrleansSweep.Grains.Coordinator;

namespace OrleansSweep.Grains.Tests.Engine;

/// <summary>Records every commit the coordinators make, across all silos of a test cluster.</summary>
public sealed class RecordingObserver : ISweepObserver
{
    private readonly ConcurrentQueue<(string Sweep, long Trial, int Attempt)> _commits = new();

    public IReadOnlyList<(string Sweep, long Trial, int Attempt)> Commits => _commits.ToList();

    public int LeaseExpiries;

    public void TrialCommitted(string sweepId, long trialIndex, int attempt, TrialOutcome outcome) =>
        _commits.Enqueue((sweepId, trialIndex, attempt));

    public void LeasesExpired(string sweepId, int count) => Interlocked.Add(ref LeaseExpiries, count);
}
