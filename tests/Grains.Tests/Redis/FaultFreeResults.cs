using OrleansSweep.Grains.Tests.Engine;
using OrleansSweep.Wire;

namespace OrleansSweep.Grains.Tests.Redis;

/// <summary>
/// The results of one fault-free run of <see cref="TestSweepCluster.Spec"/> on SQLite, computed once for all
/// Redis tests: the simulated trainer's figures depend on the spec's seed and the trial, not on the sweep's
/// name or the storage, so every Redis run must reproduce them exactly.
/// </summary>
internal static class FaultFreeResults
{
    private static readonly Lazy<Task<IReadOnlyList<TrialSummary>>> Results =
        new(() => SweepCompletionTests.FaultFreeResultsAsync("fault-free"));

    public static Task<IReadOnlyList<TrialSummary>> GetAsync() => Results.Value;
}
