using System.Collections.Concurrent;
using OrleansSweep.Grains.Trials;
using OrleansSweep.Training;
using OrleansSweep.Training.Sessions;
using OrleansSweep.Wire;
using OrleansSweep.Interfaces;

namespace OrleansSweep.Grains.Tests.Engine;

/// <summary>
/// A silo on a host that shows two CUDA devices (a stand-in count: no GPU here) with 4 slots: the slots alternate
/// between cuda:0 and cuda:1, each trial's runner is opened on its slot's device, the coordinator records where each
/// running trial trains, and every epoch says where it trained. A simulated runner stands in for the GPU training.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SlotDeviceTests
{
    [Fact]
    public async Task Each_trial_trains_on_its_slots_device_and_the_coordinator_shows_where()
    {
        var opened = new ConcurrentQueue<(string Trial, TrainingDevice Device)>();
        var runner = new RecordingTrainer(new SimulatedTrainer(new SimulatedTrainerOptions { EpochDuration = TimeSpan.FromMilliseconds(150) }), opened);
        await using var cluster = await TestSweepCluster.StartAsync(1, runner, slotsOfSilo: _ => 4, visibleCuda: 2,
            settings: new Dictionary<string, string?> { ["Slots:Devices"] = "auto" });
        var sweep = cluster.Client.GetGrain<ISweepGrain>("devices");
        Assert.True((await sweep.Start(TestSweepCluster.Spec("devices"))).Accepted);

        var runningOn = new HashSet<string?>();
        SweepStatus status;
        do
        {
            status = await sweep.GetStatus();
            foreach (var running in status.Running) runningOn.Add(running.Device);
            await Task.Delay(50);
        } while (status.Phase == SweepPhase.Running);

        Assert.Equal(12, status.Counts[TrialStatus.Completed]);
        Assert.Equal(["cuda:0", "cuda:1"], runningOn.Order());
        Assert.Equal([TrainingDevice.Cuda(0), TrainingDevice.Cuda(1)], opened.Select(o => o.Device).Distinct().Order(Comparer<TrainingDevice>.Create((a, b) => a.Index - b.Index)));
        foreach (var (trial, device) in opened)
        {
            var snapshot = await cluster.Client.GetGrain<ITrialGrain>(trial).GetSnapshot();
            var slot = int.Parse(snapshot.Attempts[^1].Slot.Split('#')[1]);
            Assert.Equal(TrainingDevice.Cuda(slot % 2), device);                       // round-robin: slots 0, 2 on cuda:0
            Assert.All(snapshot.History, epoch => Assert.Equal(device.ToString(), epoch.Device));
        }
        Assert.All(await cluster.ResultsAsync("devices"), r => Assert.StartsWith("cuda:", r.Outcome!.Final!.Device));
    }

    /// <summary>Opens the simulated runner, remembering which trial was opened on which device.</summary>
    private sealed class RecordingTrainer(ITrainer inner, ConcurrentQueue<(string, TrainingDevice)> opened) : ITrainer
    {
        public ITrainingSession Open(TrialLease lease, TrainingDevice device, string checkpointDirectory, int threads)
        {
            opened.Enqueue((lease.Ref.TrialKey, device));
            return inner.Open(lease, device, checkpointDirectory, threads);
        }
    }
}
