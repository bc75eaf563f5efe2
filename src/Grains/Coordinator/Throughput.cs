namespace OrleansSweep.Grains.Coordinator;

/// <summary>Trials finished per hour over a sliding window of recent completions (in memory only).</summary>
public sealed class Throughput(int window = 200)
{
    private readonly Queue<DateTimeOffset> _finishedAt = new();

    public void Record(DateTimeOffset at)
    {
        _finishedAt.Enqueue(at);
        while (_finishedAt.Count > window) _finishedAt.Dequeue();
    }

    public double PerHour(DateTimeOffset now)
    {
        if (_finishedAt.Count < 2) return 0;
        var span = now - _finishedAt.Peek();
        return span <= TimeSpan.Zero ? 0 : (_finishedAt.Count - 1) / span.TotalHours;
    }
}
