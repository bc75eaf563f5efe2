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
