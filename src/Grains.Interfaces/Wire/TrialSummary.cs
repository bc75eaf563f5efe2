namespace OrleansSweep.Wire;

/// <summary>
/// One trial in a results page: its configuration, status and final figures. <see cref="Attempts"/>: the trial's own
/// failures (exceptions from training) plus the attempt that finished it or runs it. <see cref="Interruptions"/>: its
/// leases that ended without it failing or finishing (pause, cancel, drain, lease expiry, a dead silo, a lease the
/// cluster could not start). Leases = attempts + interruptions.
/// </summary>
[GenerateSerializer, Immutable, Alias("trial-summary")]
public sealed record TrialSummary(
    [property: Id(0)] long TrialIndex,
    [property: Id(1)] TrialConfig Config,
    [property: Id(2)] TrialStatus Status,
    [property: Id(3)] int Attempts,
    [property: Id(4)] TrialOutcome? Outcome,
    [property: Id(5)] int Interruptions = 0);

[GenerateSerializer, Immutable, Alias("trial-summary-page")]
public sealed record TrialSummaryPage(
    [property: Id(0)] long Offset,
    [property: Id(1)] long Total,
    [property: Id(2)] IReadOnlyList<TrialSummary> Items);
