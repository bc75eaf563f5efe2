using OrleansSweep.Client.Commands;
using OrleansSweep.Wire;

namespace OrleansSweep.Client.Tests.Sweeps;

/// <summary>`run`'s exit code once its sweep has ended: 0 only when it completed without a failed trial.</summary>
public sealed class RunExitCodeTests
{
    [Theory]
    [InlineData(SweepPhase.Completed, 8, 0, 0, 0)]
    [InlineData(SweepPhase.Completed, 6, 2, 0, 0)]    // diverged trials are results
    [InlineData(SweepPhase.Completed, 7, 0, 1, 1)]    // one trial kept failing
    [InlineData(SweepPhase.Completed, 0, 0, 8, 1)]    // every trial failed: the sweep still "completed"
    [InlineData(SweepPhase.Cancelled, 3, 0, 0, 1)]
    public void Zero_only_for_a_completed_sweep_without_failed_trials(SweepPhase phase, long completed, long diverged, long failed, int expected)
    {
        var counts = new Dictionary<TrialStatus, long>
        {
            [TrialStatus.Completed] = completed, [TrialStatus.Diverged] = diverged, [TrialStatus.Failed] = failed,
            [TrialStatus.Cancelled] = 8 - completed - diverged - failed,
        };
        var status = new SweepStatus("s", phase, 8, counts, 1, 0, null, [], [], 0, 0, "silo");

        Assert.Equal(expected, RunCommand.ExitCodeOf(status));
    }
}
