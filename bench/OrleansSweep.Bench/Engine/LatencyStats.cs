namespace OrleansSweep.Bench.Engine;

/// <summary>Percentiles of a set of latencies, in milliseconds.</summary>
public sealed class LatencyStats(IEnumerable<double> milliseconds)
{
    private readonly double[] _sorted = milliseconds.Order().ToArray();

    public int Count => _sorted.Length;
    public double P50 => At(0.50);
    public double P99 => At(0.99);
    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    private double At(double q) => _sorted.Length == 0 ? double.NaN : _sorted[(int)Math.Min(_sorted.Length - 1, Math.Floor(q * _sorted.Length))];
}
