using System.Diagnostics;
using OrleansSweep.Grains.Metrics;
using OrleansSweep.Grains.Slots;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Grains.Trials;

/// <summary>
/// One attempt's training on its slot's thread, one work item per epoch. The first item also opens the trial
/// (restoring its checkpoint); the item that ends the training (last epoch, divergence, failure, cancellation)
/// also releases the model and frees the slot. So between one trial's last epoch and the slot's next trial
/// nothing waits for the trial grain's scheduler.
/// </summary>
internal sealed class SlotTraining(Slot slot, TrialLease lease, Func<ITrialExecution> open, TrialMetrics metrics)
{
    private ITrialExecution? _execution;
    private volatile bool _ended;

    /// <summary>Opens the trial if this is the first step, then trains the next epoch unless the training is over.</summary>
    public Task<EpochStep> NextAsync(CancellationToken stop) => slot.Thread.Run(() =>
    {
        try
        {
            var opened = _execution is null ? Open() : null;
            var execution = _execution!;
            if (execution.IsDiverged || execution.History.Count >= lease.Options.Epochs)
            {
                End();                                          // restored a finished (or diverged) checkpoint
                return new EpochStep(opened, null, execution.IsDiverged, Ended: true);
            }
            if (execution.History.Count + 1 >= lease.Options.Epochs) slot.Finishing();
            var started = Stopwatch.GetTimestamp();
            var epoch = execution.RunEpoch(stop);
            slot.LastEpoch = Stopwatch.GetElapsedTime(started);
            metrics.EpochCompleted(lease, epoch, execution.LastCheckpoint);
            var diverged = execution.IsDiverged;
            var ended = diverged || epoch.Epoch >= lease.Options.Epochs;
            if (ended) End();
            return new EpochStep(opened, epoch, diverged, ended);
        }
        catch
        {
            End();
            throw;
        }
    });

    /// <summary>Releases the model and frees the slot, unless a step already did.</summary>
    public Task EndAsync() => _ended ? Task.CompletedTask : slot.Thread.Run(() => { End(); return true; });

    private OpenedTrial Open()
    {
        _execution = open();
        return new OpenedTrial(_execution.History.ToList(), _execution.Parameters);
    }

    private void End()
    {
        if (_ended) return;
        _ended = true;
        _execution?.Dispose();
        metrics.AttemptEnded(lease.Ref);   // its running-trial series go with the slot, so they never outnumber slots
        slot.Release(lease.Ref);
    }
}

/// <summary>What one work item hands back from the slot's thread. <see cref="Opened"/> only from the first.</summary>
internal readonly record struct EpochStep(OpenedTrial? Opened, EpochMetrics? Epoch, bool Diverged, bool Ended);

/// <summary>The trial as opened: the epochs its checkpoint restored, and its size.</summary>
internal sealed record OpenedTrial(IReadOnlyList<EpochMetrics> History, long Parameters);
