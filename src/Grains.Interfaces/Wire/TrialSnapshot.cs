using OrleansSweep.Training.Sessions;

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

/// <summary>Everything a trial knows about itself: how far it got, every attempt and epoch.</summary>
[GenerateSerializer, Immutable, Alias("trial-snapshot")]
public sealed record TrialSnapshot(
    [property: Id(0)] string TrialKey,
    [property: Id(1)] TrialStatus Status,
    [property: Id(2)] IReadOnlyList<EpochMetrics> History,
    [property: Id(3)] IReadOnlyList<AttemptRecord> Attempts,
    [property: Id(4)] long Parameters,
    [property: Id(5)] TrialOutcome? Outcome,
    [property: Id(6)] string Host);
