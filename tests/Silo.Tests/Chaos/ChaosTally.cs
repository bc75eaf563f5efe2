using OrleansSweep.Wire;

namespace OrleansSweep.Silo.Tests.Chaos;

/// <summary>
/// What the faults cost, from the trials' own attempt records. An interruption is an attempt that did not end
/// the trial; the epoch it was computing is counted as re-run (an upper bound: it may have been between epochs).
/// Epochs a record says were done but the next attempt did not restore would be lost work: there must be none.
/// </summary>
public sealed record ChaosTally(int InterruptedTrials, int Interruptions, int EpochsRerun, int RecordedEpochsRedone)
{
    public static ChaosTally Of(IReadOnlyList<TrialSnapshot> trials, int epochs)
    {
        int interrupted = 0, interruptions = 0, rerun = 0, redone = 0;
        foreach (var trial in trials)
        {
            var attempts = trial.Attempts;
            if (attempts.Count > 1) interrupted++;
            foreach (var (before, after) in attempts.Zip(attempts.Skip(1)))
            {
                interruptions++;
                if (after.EpochAtStart < epochs) rerun++;
                redone += Math.Max(0, before.EpochAtEnd - after.EpochAtStart);
            }
        }
        return new ChaosTally(interrupted, interruptions, rerun + redone, redone);
    }
}
