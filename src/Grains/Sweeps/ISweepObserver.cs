namespace OrleansSweep.Grains.Sweeps;

/// <summary>Hears what the coordinators of this silo decide (metrics, tests). Calls must be cheap and never throw.</summary>
public interface ISweepObserver
{
    void TrialCommitted(string sweepId, long trialIndex, int attempt, TrialOutcome outcome);
    void LeasesExpired(string sweepId, int count);
}

public sealed class NoSweepObserver : ISweepObserver
{
    public void TrialCommitted(string sweepId, long trialIndex, int attempt, TrialOutcome outcome) { }
    public void LeasesExpired(string sweepId, int count) { }
}
