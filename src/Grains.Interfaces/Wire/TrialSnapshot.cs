namespace OrleansSweep.Wire;

/// <summary>One attempt at a trial, as recorded by the trial grain.</summary>
[GenerateSerializer, Immutable, Alias("attempt-record")]
public sealed record AttemptRecord(
    [property: Id(0)] int Attempt,
    [property: Id(1)] string Slot,
    [property: Id(2)] DateTimeOffset StartedAt,
    [property: Id(3)] DateTimeOffset? EndedAt,
    [property: Id(4)] int EpochAtStart,
    [property: Id(5)] int EpochAtEnd,
    [property: Id(6)] string? Error);

/// <summary>Everything a trial knows about itself: what it runs, how far it got, every attempt and epoch.</summary>
[GenerateSerializer, Immutable, Alias("trial-snapshot")]
public sealed record TrialSnapshot(
    [property: Id(0)] string TrialKey,
    [property: Id(1)] TrialConfig? Config,
    [property: Id(2)] TrialStatus Status,
    [property: Id(3)] IReadOnlyList<EpochReport> History,
    [property: Id(4)] IReadOnlyList<AttemptRecord> Attempts,
    [property: Id(5)] long Parameters,
    [property: Id(6)] TrialOutcome? Outcome,
    [property: Id(7)] string Host);
