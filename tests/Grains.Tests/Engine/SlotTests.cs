using OrleansSweep.Grains.Specs;
using OrleansSweep.Grains.Slots;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Grains.Tests.Engine;

/// <summary>
/// A slot's stop and release act only on the lease it serves (heartbeat replies and releases can arrive late); a
/// revoke of the lease claimed ahead marks that one.
/// </summary>
public sealed class SlotTests
{
    private static readonly TrialConfig Config = new TrialGrid(TestSweepCluster.Spec("slot")).At(0);

    [Fact]
    public void A_late_stop_for_the_previous_lease_leaves_the_next_trial_running()
    {
        using var slot = new Slot(0, "silo");
        var (first, second) = (Lease(0), Lease(1));
        slot.Occupy(first);
        slot.Release(first.Ref);
        slot.Occupy(second);

        slot.RequestStop(first.Ref);               // a heartbeat reply about the trial before
        Assert.False(slot.StopTokenOf(second.Ref).IsCancellationRequested);
        slot.Release(first.Ref);                   // a late release of it
        Assert.False(slot.WhenReleasedOf(second.Ref).IsCompleted);

        slot.RequestStop(second.Ref);
        Assert.True(slot.StopTokenOf(second.Ref).IsCancellationRequested);
    }

    [Fact]
    public void A_revoke_of_the_lease_claimed_ahead_marks_it_and_leaves_the_running_trial_alone()
    {
        using var slot = new Slot(0, "silo");
        var (running, ahead) = TrainingWithOneAhead(slot);

        slot.RequestStop(ahead.Ref);
        Assert.False(slot.StopTokenOf(running.Ref).IsCancellationRequested);
        Assert.True(slot.StopTokenOf(ahead.Ref).IsCancellationRequested);
        Assert.False(slot.Begin(ahead.Ref));         // a trial started ahead must not train on a revoked lease
        slot.Release(running.Ref);
        Assert.Equal((ahead, true), slot.TakeNext());
        Assert.Null(slot.TakeNext());                // taken once
    }

    [Fact]
    public void A_lease_whose_trial_was_started_ahead_takes_the_slot_over_when_its_first_work_item_begins()
    {
        using var slot = new Slot(0, "silo");
        var (running, ahead) = TrainingWithOneAhead(slot);
        var stopOfAhead = slot.StopTokenOf(ahead.Ref);
        slot.MarkQueued(ahead.Ref);
        Assert.Null(slot.TakeNext());                // the worker serves it, it does not start it again
        Assert.Equal(ahead, slot.Queued);

        var runningReleased = slot.WhenReleasedOf(running.Ref);
        Assert.True(slot.Begin(ahead.Ref));
        Assert.True(runningReleased.IsCompleted);   // the trial before has ended its last work item by then
        Assert.Equal(ahead, slot.Lease);
        Assert.Equal(ahead, slot.Queued);
        Assert.Null(slot.Next);

        slot.RequestStop(ahead.Ref);                 // the stop it was started with is the slot's stop for it
        Assert.True(stopOfAhead.IsCancellationRequested);
        slot.Release(running.Ref);                   // a late release of the trial before changes nothing
        Assert.Equal(ahead, slot.Lease);
        slot.Release(ahead.Ref);
        Assert.Null(slot.Queued);
    }

    [Fact]
    public void A_lease_claimed_ahead_released_before_it_began_leaves_nothing_to_serve()
    {
        using var slot = new Slot(0, "silo");
        var (running, ahead) = TrainingWithOneAhead(slot);
        slot.MarkQueued(ahead.Ref);
        var aheadReleased = slot.WhenReleasedOf(ahead.Ref);

        slot.Release(ahead.Ref);                     // its trial only had to commit: no work item on the slot
        Assert.True(aheadReleased.IsCompleted);
        Assert.False(slot.Begin(ahead.Ref));
        slot.Release(running.Ref);
        Assert.Null(slot.Queued);
        Assert.Null(slot.TakeNext());
    }

    [Fact]
    public void The_last_epoch_signal_belongs_to_the_lease_it_was_given_for()
    {
        using var slot = new Slot(0, "silo");
        slot.Occupy(Lease(0));
        Assert.False(slot.WhenFinishingOf(Lease(0).Ref).IsCompleted);
        slot.Finishing();
        Assert.True(slot.WhenFinishingOf(Lease(0).Ref).IsCompleted);

        slot.Release(Lease(0).Ref);
        slot.Occupy(Lease(1));
        Assert.False(slot.WhenFinishingOf(Lease(1).Ref).IsCompleted);
    }

    /// <summary>The slot trains lease 0, and lease 1 is claimed ahead for it.</summary>
    private static (TrialLease Running, TrialLease Ahead) TrainingWithOneAhead(Slot slot)
    {
        var (running, ahead) = (Lease(0), Lease(1));
        slot.Occupy(running);
        slot.SetNext(ahead);
        return (running, ahead);
    }

    private static TrialLease Lease(long index) =>
        new(new LeaseRef("slot", index, 1), Config, new TrialRunOptions(1, "data", 0, 1), TimeSpan.FromSeconds(30));
}
