namespace OrleansSweep.Grains.Coordinator;

/// <summary>The spec's retry and lease settings, as the coordinator applies them.</summary>
public sealed record SweepPolicy(int MaxAttempts, TimeSpan Backoff, TimeSpan LeaseTimeout)
{
    /// <summary>Leases that expire (a silo died) do not count against maxAttempts, but a trial that
    /// keeps taking silos down must end: after this many leases in all it fails.</summary>
    public const int MaxLeases = 255;

    /// <summary>Exponential backoff: 1×, 2×, 4×… the base delay for the first, second, third failure.</summary>
    public TimeSpan BackoffAfter(int failures) =>
        TimeSpan.FromTicks(Backoff.Ticks * (1L << Math.Clamp(failures - 1, 0, 10)));
}
