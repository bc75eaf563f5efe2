namespace OrleansSweep.Grains.Coordinator;

/// <summary>Hears what the coordinators of this silo decide (metrics, tests). Calls must be cheap and never throw.</summary>
public interface ISweepObserver
{
    void TrialCommitted(string sweepId, long trialIndex, int attempt, TrialOutcome outcome);
    void LeasesExpired(string sweepId, int count);

    /// <summary>The coordinator's status, sampled about once a second while it is active (metrics gauges).</summary>
    void StatusSampled(SweepStatus status) { }

    /// <summary>A claim was granted; <paramref name="latency"/> includes the durable write.</summary>
    void TrialClaimed(string sweepId, TimeSpan latency) { }

    /// <summary>An epoch's progress report arrived; not accepted when its lease is no longer current.</summary>
    void ProgressReported(string sweepId, bool accepted) { }
}
