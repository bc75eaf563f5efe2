using OrleansSweep.Silo.Tests.Fixtures;
using OrleansSweep.Wire;

namespace OrleansSweep.Silo.Tests.Cluster;

/// <summary>
/// A silo stopped gracefully (SIGTERM, as docker stop and Kubernetes do) drains: it stops claiming, its training trial
/// ends its attempt at once without an error and hands the lease back while the silo is still up (no lease expiry, no
/// retry counted), and another silo resumes it from its checkpoint.
/// </summary>
public sealed class DrainTests : IDisposable
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);
    private readonly ProcessScope _scope = new("drain-");

    [Fact]
    public async Task A_silo_stopped_with_SIGTERM_hands_its_trial_back_and_another_silo_resumes_it()
    {
        var redis = _scope.Own(await RedisServer.StartAsync(_scope.Directory));
        var (clusterId, serviceId) = ("drain", $"drain-{Guid.NewGuid():N}");
        var siloPorts = new[] { FreePort.Next(), FreePort.Next() };
        var silos = siloPorts.Select((port, i) => _scope.Own(SiloProcess.Start($"silo{i}", _scope.Directory, Settings(redis.ConnectionString, clusterId, serviceId, port)))).ToList();
        await Task.WhenAll(silos.Select(s => s.WaitReadyAsync(Startup)));
        await using var client = await RedisClusterClient.ConnectAsync(redis.ConnectionString, clusterId, serviceId);
        var sweep = client.Client.GetGrain<ISweepGrain>("drain");
        // Leases far longer than the test: only a hand-back can move the trial to the other silo this soon.
        Assert.True((await sweep.Start(TestSpecs.Grid("drain", replicates: 1, epochs: 8, leaseSeconds: 600))).Accepted);

        RunningTrial? victim = null;
        await Wait.UntilAsync(async () =>
        {
            var running = (await sweep.GetStatus()).Running;
            victim = running.FirstOrDefault(r => r.Slot.Contains($":{siloPorts[0]}@") && r.EpochsDone >= 1);
            return victim is not null;
        }, TimeSpan.FromSeconds(60), "a trial with an epoch done on silo0");

        await silos[0].TerminateAsync(TimeSpan.FromSeconds(30));
        Assert.True(silos[0].HasExited);

        var trial = client.Client.GetGrain<ITrialGrain>($"drain/{victim!.TrialIndex}");
        TrialSnapshot? snapshot = null;
        try
        {
            await Wait.UntilAsync(async () =>
            {
                snapshot = await trial.GetSnapshot();
                return snapshot.Attempts.Count >= 2;
            }, TimeSpan.FromSeconds(60), $"trial {victim.TrialIndex} resumed on silo1");
        }
        catch (TimeoutException e)
        {
            var now = await sweep.GetStatus();
            throw new TimeoutException($"{e.Message}: attempts {Describe(snapshot)}; running {string.Join(", ", now.Running)}; " +
                                       $"done {now.Progress}, expiries {now.LeaseExpiries}, coordinator {now.CoordinatorSilo}, silo ports {string.Join(",", siloPorts)}\nsilo0:\n{silos[0].Tail()}\nsilo1:\n{silos[1].Tail()}");
        }

        var (handedBack, resumed) = (snapshot!.Attempts[0], snapshot.Attempts[1]);
        var after = await sweep.GetStatus();
        Assert.True(handedBack.EndedAt is not null && handedBack.Error is null,
            $"{Describe(snapshot)}; expiries {after.LeaseExpiries}, retries {after.Retries}\nsilo0:\n{silos[0].Tail()}");
        Assert.Contains($":{siloPorts[1]}@", resumed.Slot);
        Assert.True(resumed.EpochAtStart >= victim.EpochsDone, $"resumed at epoch {resumed.EpochAtStart}, had {victim.EpochsDone} done");
        var status = await sweep.GetStatus();
        Assert.Equal((0, 0), (status.LeaseExpiries, status.Retries));
    }

    private static string Describe(TrialSnapshot? snapshot) =>
        snapshot is null ? "no snapshot" : string.Join("; ", snapshot.Attempts);

    /// <summary>8 s a trial (1 s epochs): a silo that waited for it to finish would commit it itself.</summary>
    private Dictionary<string, string> Settings(string redis, string clusterId, string serviceId, int siloPort)
    {
        var settings = ClusterSiloSettings.Simulated(redis, clusterId, serviceId, _scope.Directory, slots: 1, TimeSpan.FromSeconds(1), siloPort);
        settings["Orleans__AdvertisedAddress"] = "127.0.0.1";
        return settings;
    }

    public void Dispose() => _scope.Dispose();
}
