namespace OrleansSweep.Client.Reports.Statistics;

/// <summary>A confidence interval [Low, High].</summary>
public sealed record Interval(double Low, double High)
{
    public bool Contains(double value) => Low <= value && value <= High;
}
