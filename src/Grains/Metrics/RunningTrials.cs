using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Grains.Metrics;

/// <summary>
/// The latest epoch of each trial running on this silo, as gauges labelled with the trial and its device. A trial is
/// added after its first epoch and removed when its attempt ends, so these series number at most the busy slots.
/// </summary>
public sealed class RunningTrials
{
    private readonly ConcurrentDictionary<LeaseRef, (TrialConfig Config, EpochMetrics Epoch)> _trials = new();

    public RunningTrials(SweepMeter meter)
    {
        var m = meter.Meter;
        m.CreateObservableGauge("orleans_sweep.trial.train_loss", () => Each(e => e.TrainLoss), "1", "Training loss of the last epoch of a running trial");
        m.CreateObservableGauge("orleans_sweep.trial.val_loss", () => Each(e => e.ValLoss), "1", "Validation loss of the last epoch of a running trial");
        m.CreateObservableGauge("orleans_sweep.trial.epoch", () => Each(e => e.Epoch), "{epoch}", "Epochs a running trial has completed");
        m.CreateObservableGauge("orleans_sweep.trial.samples_per_second", () => Each(e => e.SamplesPerSecond), "{sample}/s",
            "Training samples per second in the last epoch of a running trial");
    }

    public int Count => _trials.Count;

    public void Update(TrialLease lease, EpochMetrics epoch) => _trials[lease.Ref] = (lease.Config, epoch);

    public void Remove(LeaseRef lease) => _trials.TryRemove(lease, out _);

    private List<Measurement<double>> Each(Func<EpochMetrics, double> value) =>
        _trials
            .Select(kv => (kv.Key, kv.Value.Config, kv.Value.Epoch, Value: value(kv.Value.Epoch)))
            .Where(t => double.IsFinite(t.Value))
            .Select(t => new Measurement<double>(t.Value,
                [new("sweep", t.Key.SweepId), new("trial", t.Key.TrialIndex.ToString()), .. Tags.Arm(t.Config.Dataset, t.Config.Architecture),
                    Tags.Device(t.Epoch)]))
            .ToList();
}
