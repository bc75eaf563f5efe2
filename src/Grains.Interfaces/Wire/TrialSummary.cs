namespace OrleansSweep.Wire;

/// <summary>One trial in a results page: its configuration, status and final figures.</summary>
[GenerateSerializer, Immutable, Alias("trial-summary")]
public sealed record TrialSummary(
    [property: Id(0)] long TrialIndex,
    [property: Id(1)] TrialConfig Config,
    [property: Id(2)] TrialStatus Status,
    [property: Id(3)] int Attempts,
    [property: Id(4)] TrialOutcome? Outcome);

[GenerateSerializer, Immutable, Alias("trial-summary-page")]
public sealed record TrialSummaryPage(
    [property: Id(0)] long Offset,
    [property: Id(1)] long Total,
    [property: Id(2)] IReadOnlyList<TrialSummary> Items);
