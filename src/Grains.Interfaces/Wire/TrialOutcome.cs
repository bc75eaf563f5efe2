using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Wire;

/// <summary>Where a trial is in its life. The numeric values are persisted (one byte per trial): never renumber.</summary>
[GenerateSerializer, Alias("trial-status")]
public enum TrialStatus : byte
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Diverged = 3,
    Failed = 4,
    Cancelled = 5,
}

public static class TrialStatusExtensions
{
    public static bool IsTerminal(this TrialStatus status) => status >= TrialStatus.Completed;
}

/// <summary>
/// What a trial ended with. <see cref="Status"/> is terminal: Completed, Diverged, Failed or Cancelled.
/// <see cref="Converged"/>: whether its losses had stopped falling (<see cref="Convergence"/>); null when unknown.
/// </summary>
[GenerateSerializer, Immutable, Alias("trial-outcome")]
public sealed record TrialOutcome(
    [property: Id(0)] TrialStatus Status,
    [property: Id(1)] int Epochs,
    [property: Id(2)] EpochMetrics? Final,
    [property: Id(3)] double BestValLoss,
    [property: Id(4)] long Parameters,
    [property: Id(5)] string? Error,
    [property: Id(6)] bool? Converged = null)
{
    /// <summary>The outcome of a trial that trained: its last epoch, best validation loss and convergence.</summary>
    public static TrialOutcome Trained(IReadOnlyList<EpochMetrics> history, long parameters, bool diverged) => new(
        diverged ? TrialStatus.Diverged : TrialStatus.Completed, history.Count, history.LastOrDefault(),
        history.Select(h => h.ValLoss).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Min(), parameters, null,
        diverged ? null : Convergence.IsConverged(history));
}

[GenerateSerializer, Alias("commit-reply")]
public enum CommitReply { Committed, AlreadyCommitted, Rejected }

[GenerateSerializer, Alias("run-reply")]
public enum RunReply
{
    /// <summary>Training started (or was already running this attempt) on the given slot.</summary>
    Started,
    /// <summary>The trial's activation lives on another silo; it is migrating to the slot's silo, so the caller retries.</summary>
    WrongSilo,
    /// <summary>The lease is older than an attempt the trial has already seen.</summary>
    Stale,
    /// <summary>The trial is already finished and committed.</summary>
    AlreadyDone,
    /// <summary>The coordinator stopped this attempt (pause, cancel) before it started: the caller hands the lease back.</summary>
    Stopped,
}

/// <summary>Why a trial is told to stop: it decides what the trial reports afterwards.</summary>
[GenerateSerializer, Alias("stop-reason")]
public enum StopReason { Cancelled, Paused }
