namespace OrleansSweep.Grains.Coordinator;

/// <summary>
/// Trials finished per hour: those finished since counting started (the coordinator's activation, a start or a
/// resume) over the time since then, and once more than <c>window</c> have finished, the last <c>window</c>
/// over the time since the one before them. Unknown until it means something: at least
/// <see cref="MinFinished"/> trials finished and <see cref="MinElapsed"/> passed. Timing from the first
/// finish instead made two trials finishing together read as 1,300 trials/h. In memory only.
/// </summary>
public sealed class Throughput(DateTimeOffset start, int window = 200)
{
    public const int MinFinished = 3;
    public static readonly TimeSpan MinElapsed = TimeSpan.FromSeconds(30);

    private readonly Queue<DateTimeOffset> _recent = new();   // the last window + 1 finish times
    private DateTimeOffset _start = start;
    private long _finished;

    /// <summary>Counts from <paramref name="at"/> again (a resumed sweep: the paused time is not work time).</summary>
    public void Restart(DateTimeOffset at)
    {
        _start = at;
        _finished = 0;
        _recent.Clear();
    }

    public void Record(DateTimeOffset at)
    {
        _finished++;
        _recent.Enqueue(at);
        while (_recent.Count > window + 1) _recent.Dequeue();
    }

    /// <summary>Null while unknown (too few finished, too early).</summary>
    public double? PerHour(DateTimeOffset now)
    {
        var elapsed = now - _start;
        if (_finished < MinFinished || elapsed < MinElapsed) return null;
        return _finished <= window
            ? _finished / elapsed.TotalHours
            : window / Math.Max((now - _recent.Peek()).TotalHours, double.Epsilon);
    }
}
