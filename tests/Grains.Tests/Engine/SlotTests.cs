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
        Assert.False(slot.StopToken.IsCancellationRequested);
        slot.Release(first.Ref);                   // a late release of it
        Assert.False(slot.WhenReleased.IsCompleted);

        slot.RequestStop(second.Ref);
        Assert.True(slot.StopToken.IsCancellationRequested);
    }

    [Fact]
    public void A_revoke_of_the_lease_claimed_ahead_marks_it_and_leaves_the_running_trial_alone()
    {
        using var slot = new Slot(0, "silo");
        var (running, ahead) = (Lease(0), Lease(1));
        slot.Occupy(running);
        slot.SetNext(ahead);

        slot.RequestStop(ahead.Ref);
        Assert.False(slot.StopToken.IsCancellationRequested);
        Assert.Equal((ahead, true), slot.TakeNext());
        Assert.Null(slot.TakeNext());                // taken once
    }

    [Fact]
    public void The_last_epoch_signal_belongs_to_the_lease_it_was_given_for()
    {
        using var slot = new Slot(0, "silo");
        slot.Occupy(Lease(0));
        Assert.False(slot.WhenFinishing.IsCompleted);
        slot.Finishing();
        Assert.True(slot.WhenFinishing.IsCompleted);

        slot.Release(Lease(0).Ref);
        slot.Occupy(Lease(1));
        Assert.False(slot.WhenFinishing.IsCompleted);
    }

    private static TrialLease Lease(long index) =>
        new(new LeaseRef("slot", index, 1), Config, new TrialRunOptions(1, "data", 0, 1), TimeSpan.FromSeconds(30));
}
