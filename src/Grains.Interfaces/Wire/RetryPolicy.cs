namespace OrleansSweep.Wire;

/// <summary>How often a trial that throws is retried (attempts include the first) and the pause between attempts.</summary>
[GenerateSerializer, Immutable, Alias("sweep-retry-policy")]
public sealed record RetryPolicy(
    [property: Id(0)] int MaxAttempts,
    [property: Id(1)] double BackoffSeconds);
