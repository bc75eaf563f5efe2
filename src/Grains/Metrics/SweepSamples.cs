using System.Collections.Concurrent;

namespace OrleansSweep.Grains.Metrics;

/// <summary>
/// The latest status of each sweep whose coordinator is active on this silo, plus its report counts.
/// Coordinators sample every second; a sweep not sampled for <see cref="StaleAfter"/> (its coordinator
/// deactivated or moved) is forgotten, so series follow active coordinators, never all sweeps ever run.
/// </summary>
public sealed class SweepSamples(TimeProvider clock)
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Entry> _sweeps = new();

    public void Record(SweepStatus status) =>
        _sweeps.AddOrUpdate(status.SweepId, _ => new Entry(status, clock.GetUtcNow()),
            (_, entry) => entry.Update(status, clock.GetUtcNow()));

    public void CountReport(string sweepId, string kind)
    {
        if (_sweeps.TryGetValue(sweepId, out var entry)) entry.Reports.AddOrUpdate(kind, 1, (_, n) => n + 1);
    }

    /// <summary>The live sweeps; drops the stale ones.</summary>
    public IReadOnlyList<Entry> Live()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, entry) in _sweeps)
            if (now - entry.SampledAt > StaleAfter) _sweeps.TryRemove(id, out _);
        return _sweeps.Values.ToList();
    }

    public sealed class Entry(SweepStatus status, DateTimeOffset sampledAt)
    {
        public SweepStatus Status { get; private set; } = status;
        public DateTimeOffset SampledAt { get; private set; } = sampledAt;
        /// <summary>Reports by kind; progress and commit exist from the start, so "no reports yet" is a zero, not a gap.</summary>
        public ConcurrentDictionary<string, long> Reports { get; } = new([new("progress", 0L), new("commit", 0L)]);

        public Entry Update(SweepStatus status, DateTimeOffset at)
        {
            (Status, SampledAt) = (status, at);
            return this;
        }
    }
}
