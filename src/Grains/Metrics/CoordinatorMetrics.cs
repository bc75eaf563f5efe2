using System.Diagnostics.Metrics;
using OrleansSweep.Grains.Coordinator;

namespace OrleansSweep.Grains.Metrics;

/// <summary>
/// The coordinators' side (this silo's <see cref="ISweepObserver"/>): per-sweep gauges read from the
/// coordinators' sampled status (trials by state, progress, ETA, throughput, retries, interruptions, lease expiries,
/// arm losses), reports ingested, and claim latency. Per-sweep series exist only while the coordinator is active here.
/// </summary>
public sealed class CoordinatorMetrics : ISweepObserver
{
    private readonly SweepSamples _samples;
    private readonly Histogram<double> _claimLatency;

    public CoordinatorMetrics(SweepMeter meter, SweepSamples samples)
    {
        _samples = samples;
        var m = meter.Meter;
        _claimLatency = meter.Histogram("orleans_sweep.coordinator.claim.duration", "s",
            "Time from a slot's claim arriving to the lease being durable (one group-committed write)", Buckets.ClaimSeconds);
        m.CreateObservableCounter("orleans_sweep.coordinator.reports", () => Each(SweepReports), "{report}",
            "Reports ingested by active coordinators: kind = progress (one per epoch), stale_progress (rejected), commit");
        m.CreateObservableGauge("orleans_sweep.sweep.trials", () => Each(TrialsByState), "{trial}", "Trials of the sweep by state");
        m.CreateObservableGauge("orleans_sweep.sweep.phase", () => Each(Phase), "1", "1 for the sweep's current phase");
        m.CreateObservableGauge("orleans_sweep.sweep.progress", () => Each(e => One(e, e.Status.Progress)), "1",
            "Share of trials that have ended (completed, diverged, failed, cancelled)");
        m.CreateObservableGauge("orleans_sweep.sweep.eta", () => Each(Eta), "s", "Estimated time to finish at the recent rate");
        m.CreateObservableGauge("orleans_sweep.sweep.throughput", () => Each(e => One(e, e.Status.TrialsPerHour)), "{trial}/h",
            "Trials finished per hour over the last 200 finishes");
        m.CreateObservableCounter("orleans_sweep.sweep.retries", () => Each(e => OneLong(e, e.Status.Retries)), "{attempt}",
            "Attempts that threw and were queued again (durable, sweep lifetime)");
        m.CreateObservableCounter("orleans_sweep.sweep.interruptions", () => Each(e => OneLong(e, e.Status.Interruptions)), "{lease}",
            "Leases that ended without their trial failing or finishing: pause, cancel, drain, expiry, dead silo, not startable (durable, sweep lifetime)");
        m.CreateObservableCounter("orleans_sweep.sweep.lease_expiries", () => Each(e => OneLong(e, e.Status.LeaseExpiries)), "{lease}",
            "Leases that expired without heartbeats or with a dead silo (durable, sweep lifetime)");
        ArmGauges.Create(m, Each);
    }

    public void StatusSampled(SweepStatus status)
    {
        if (status.Phase != SweepPhase.NotStarted) _samples.Record(status);
    }

    public void TrialClaimed(string sweepId, TimeSpan latency) => _claimLatency.Record(latency.TotalSeconds);

    public void ProgressReported(string sweepId, bool accepted) =>
        _samples.CountReport(sweepId, accepted ? "progress" : "stale_progress");

    public void TrialCommitted(string sweepId, long trialIndex, int attempt, TrialOutcome outcome) =>
        _samples.CountReport(sweepId, "commit");

    // Counted from the coordinator's durable total instead (orleans_sweep.sweep.lease_expiries): present before the first one.
    public void LeasesExpired(string sweepId, int count) { }

    private IEnumerable<Measurement<T>> Each<T>(Func<SweepSamples.Entry, IEnumerable<Measurement<T>>> measure) where T : struct =>
        _samples.Live().SelectMany(measure).ToList();

    private static IEnumerable<Measurement<long>> TrialsByState(SweepSamples.Entry e) =>
        e.Status.Counts.Select(kv => new Measurement<long>(kv.Value, Tags.Sweep(e), new("state", Tags.Lower(kv.Key))));

    private static IEnumerable<Measurement<long>> SweepReports(SweepSamples.Entry e) =>
        e.Reports.Select(kv => new Measurement<long>(kv.Value, Tags.Sweep(e), new("kind", kv.Key)));

    private static IEnumerable<Measurement<int>> Phase(SweepSamples.Entry e) =>
        [new(1, Tags.Sweep(e), new("phase", Tags.Lower(e.Status.Phase)))];

    private static IEnumerable<Measurement<double>> Eta(SweepSamples.Entry e) =>
        e.Status.Eta is { } eta ? One(e, eta.TotalSeconds) : [];

    private static IEnumerable<Measurement<double>> One(SweepSamples.Entry e, double value) =>
        double.IsFinite(value) ? [new(value, Tags.Sweep(e))] : [];

    private static IEnumerable<Measurement<long>> OneLong(SweepSamples.Entry e, long value) => [new(value, Tags.Sweep(e))];
}
