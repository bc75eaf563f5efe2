using System.Diagnostics.Metrics;
using OrleansSweep.Training.Sessions;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Grains.Metrics;

/// <summary>
/// What the trial grains of this silo report: epochs, their duration and samples (also by device), checkpoint writes,
/// and final losses by dataset × architecture × Q bin. Labels are arms, devices and bins, never trial ids (those live
/// only on <see cref="RunningTrials"/>' gauges).
/// </summary>
public sealed class TrialMetrics
{
    private readonly RunningTrials _running;
    private readonly Counter<long> _epochs;
    private readonly Counter<double> _samples;
    private readonly Histogram<double> _epochSeconds;
    private readonly Histogram<double> _checkpointSeconds;
    private readonly Histogram<double> _checkpointBytes;
    private readonly Histogram<double> _finalTrainLoss;
    private readonly Histogram<double> _finalValLoss;
    private readonly Counter<long> _ended;

    public TrialMetrics(SweepMeter meter, RunningTrials running)
    {
        _running = running;
        _epochs = meter.Meter.CreateCounter<long>("orleans_sweep.epochs.completed", "{epoch}", "Epochs trained on this silo");
        _samples = meter.Meter.CreateCounter<double>("orleans_sweep.samples.trained", "{sample}", "Training samples processed on this silo (rate = samples per second)");
        _ended = meter.Meter.CreateCounter<long>("orleans_sweep.trials.ended", "{trial}", "Trials that finished training on this silo, by status (completed, diverged)");
        _epochSeconds = meter.Histogram("orleans_sweep.epoch.duration", "s", "Wall time of one epoch (train + validation)", Buckets.EpochSeconds);
        _checkpointSeconds = meter.Histogram("orleans_sweep.checkpoint.write.duration", "s", "Time to write one checkpoint (capture to rename)", Buckets.CheckpointSeconds);
        _checkpointBytes = meter.Histogram("orleans_sweep.checkpoint.size", "By", "Size of one checkpoint file", Buckets.CheckpointBytes);
        _finalTrainLoss = meter.Histogram("orleans_sweep.trial.final_train_loss", "1", "Training loss of a trial's last epoch", Buckets.Loss);
        _finalValLoss = meter.Histogram("orleans_sweep.trial.final_val_loss", "1", "Validation loss of a trial's last epoch", Buckets.Loss);
    }

    public void EpochCompleted(TrialLease lease, EpochMetrics epoch, CheckpointWrite? checkpoint)
    {
        var arm = Tags.Arm(lease.Config.Dataset, lease.Config.Architecture);
        KeyValuePair<string, object?>[] onDevice = [.. arm, Tags.Device(epoch)];
        _epochs.Add(1, arm);
        _samples.Add(epoch.SamplesPerSecond * epoch.Seconds, onDevice);
        _epochSeconds.Record(epoch.Seconds, onDevice);
        if (checkpoint is not null)
        {
            _checkpointSeconds.Record(checkpoint.Duration.TotalSeconds, arm);
            _checkpointBytes.Record(checkpoint.Bytes, arm);
        }
        _running.Update(lease, epoch);
    }

    /// <summary>Training ended with an outcome (once per trial, unless its silo dies before the outcome is stored).</summary>
    public void TrialFinished(TrialLease lease, TrialOutcome outcome)
    {
        var config = lease.Config;
        _ended.Add(1, [.. Tags.Arm(config.Dataset, config.Architecture), new("status", Tags.Lower(outcome.Status))]);
        if (outcome.Final is not { } final) return;
        var bin = QBins.Of(DeterminationRatio.Of(config.Dataset, lease.Options.Subset, outcome.Parameters));
        KeyValuePair<string, object?>[] tags = [.. Tags.Arm(config.Dataset, config.Architecture), new("q_bin", bin?.Label() ?? "unknown")];
        if (double.IsFinite(final.TrainLoss)) _finalTrainLoss.Record(final.TrainLoss, tags);
        if (double.IsFinite(final.ValLoss)) _finalValLoss.Record(final.ValLoss, tags);
    }

    /// <summary>The attempt is over (finished, failed, stopped): its trial's gauges go.</summary>
    public void AttemptEnded(LeaseRef lease) => _running.Remove(lease);
}
