using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Placement;
using OrleansSweep.Grains.Specs;
using OrleansSweep.Grains.Trials;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Grains.Tests.Engine;

/// <summary>
/// A trial whose activation is on another silo than the slot that got its lease must end up on the slot's
/// silo, also for callers whose directory cache still names the old silo (after a lease expiry with every
/// silo alive, the slot's retries otherwise re-created the trial on the old silo for tens of seconds).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TrialPlacementTests
{
    [Fact]
    public async Task A_trial_on_another_silo_moves_to_the_slots_silo_when_the_slot_retries()
    {
        await using var cluster = await TestSweepCluster.StartAsync(2, new SimulatedTrainer(new() { EpochDuration = TimeSpan.FromSeconds(30) }));
        var (old, slotSilo) = (cluster.Cluster.Silos[0].SiloAddress, cluster.Cluster.Silos[1].SiloAddress);
        var trial = cluster.Client.GetGrain<ITrialGrain>(LeaseRef.TrialKeyOf("moving", 0));
        RequestContext.Set(IPlacementDirector.PlacementHintKey, old);
        Assert.Equal(old.ToParsableString(), (await trial.GetSnapshot()).Host);

        var spec = TestSweepCluster.Spec("moving");
        var config = new TrialGrid(spec).At(0);
        var lease = new TrialLease(new LeaseRef("moving", 0, 1), config,
            new TrialRunOptions(spec.Epochs, spec.Data.DirectoryFor(config.Dataset), spec.Data.Subset, spec.Seed), TimeSpan.FromSeconds(30));
        var slot = new SlotRef(slotSilo.ToParsableString(), 0);
        // Called from inside the slot's silo, as its slot worker does: that silo's directory cache is the one at stake.
        var fromSlotSilo = cluster.Cluster.Silos[1].SiloHost.Services.GetRequiredService<IGrainFactory>()
            .GetGrain<ITrialGrain>(LeaseRef.TrialKeyOf("moving", 0));
        RequestContext.Set(IPlacementDirector.PlacementHintKey, slotSilo);
        Assert.Equal(RunReply.WrongSilo, await fromSlotSilo.Run(lease, slot));
        await Task.Delay(1000);                                   // the old activation has left by now

        Assert.Equal(RunReply.Started, await fromSlotSilo.Run(lease, slot));
        RequestContext.Clear();
        Assert.Equal(slotSilo.ToParsableString(), (await trial.GetSnapshot()).Host);
    }
}
