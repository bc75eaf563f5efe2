using System.Globalization;
using System.Text.RegularExpressions;
using OrleansSweep.Grains.Specs;
using OrleansSweep.Silo.Tests.Fixtures;
using OrleansSweep.Wire;
using Xunit.Abstractions;

namespace OrleansSweep.Silo.Tests.Cluster;

/// <summary>
/// kill -9 of a silo with slots in a three-silo Redis cluster (the coordinator's silo without slots, two with four each;
/// simulated trainer). Until the membership declares the dead silo dead, grains whose directory entries it held cannot
/// be reached, so slots of the living silo claim trials they cannot start. Those leases must go back at once, not wait
/// for their expiry (120 s here): the sweep ends long before, only the dead silo's own leases expire, and no trial is
/// charged an attempt for any of it.
/// </summary>
public sealed partial class LeaseLeakTests(ITestOutputHelper output) : IDisposable
{
    private const string SweepId = "leak";
    private const int Trials = 160;
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);
    private readonly ProcessScope _scope = new("lease-leak-");

    [Fact]
    public async Task A_killed_silo_leaks_no_lease_of_the_silos_that_live()
    {
        var redis = _scope.Own(await RedisServer.StartAsync(_scope.Directory));
        var (clusterId, serviceId) = ("leak", $"leak-{Guid.NewGuid():N}");
        var ports = new[] { FreePort.Next(), FreePort.Next(), FreePort.Next() };
        SiloProcess Start(int i, int slots) => _scope.Own(SiloProcess.Start($"silo{i}", _scope.Directory,
            Settings(redis.ConnectionString, clusterId, serviceId, ports[i], slots)));

        // The coordinator on the slotless silo, started alone: this is about the slots of the silo that lives.
        var coordinatorSilo = Start(0, slots: 0);
        await coordinatorSilo.WaitReadyAsync(Startup);
        await using var client = await RedisClusterClient.ConnectAsync(redis.ConnectionString, clusterId, serviceId);
        var sweep = client.Client.GetGrain<ISweepGrain>(SweepId);
        Assert.True((await sweep.Start(Spec())).Accepted);
        var silos = new[] { Start(1, slots: 4), Start(2, slots: 4) };
        await Task.WhenAll(silos.Select(s => s.WaitReadyAsync(Startup)));
        await Wait.UntilAsync(async () => (await sweep.GetStatus()).Counts[TrialStatus.Completed] >= 20,
            TimeSpan.FromSeconds(60), "20 trials completed");

        // The silo holding more of the grain directory: more of the trials claimed after the kill cannot be reached.
        var portions = await Task.WhenAll(silos.Select(DirectoryPortionAsync));
        var killed = portions[0] >= portions[1] ? 1 : 2;
        var victim = silos[killed - 1];
        var killedAt = DateTime.UtcNow;
        await victim.KillHardAsync();

        var end = await TestSpecs.WaitForEndAsync(client.Client, SweepId, TimeSpan.FromSeconds(75));
        var elapsed = DateTime.UtcNow - killedAt;
        var results = (await sweep.GetResults(0, Trials)).Items;
        var expired = SiloLogs.ExpiredLeases(_scope.Directory, SweepId);
        output.WriteLine($"directory portions {string.Join(" / ", portions.Select(p => $"{p:0.#} %"))}; ended {elapsed.TotalSeconds:0.0} s after the kill; " +
                         $"{expired.Count} lease(s) expired ({string.Join(", ", expired.Select(e => $"{(e.At - killedAt).TotalSeconds:0.0} s"))} after the kill), {end.Interruptions} interruptions, " +
                         $"{SiloLogs.SlotFailures(_scope.Directory).Count(f => f.Start)} failed starts handed back");

        Assert.Equal(Trials, end.Counts[TrialStatus.Completed]);
        Assert.All(expired, e => Assert.Equal((ports[killed], "its silo is dead"), (PortOf(e.Silo), e.Reason)));
        Assert.All(results, r => Assert.Equal(1, r.Attempts));
        Assert.Equal((0L, end.Interruptions), (end.Retries, results.Sum(r => (long)r.Interruptions)));
    }

    /// <summary>The share of the grain directory's ring a silo owns, in percent (Orleans' own gauge).</summary>
    private static async Task<double> DirectoryPortionAsync(SiloProcess silo)
    {
        var text = await silo.Http.GetStringAsync("/metrics");
        return double.Parse(DirectoryPortion().Match(text).Groups["value"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^orleans_directory_ring_local_portion_percentage(\{[^}]*\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex DirectoryPortion();

    /// <summary>160 trials of three 200 ms epochs, leases of 120 s.</summary>
    private static SweepSpec Spec() => SweepSpecParser.Parse($$"""
        name: {{SweepId}}
        seed: 7
        data: { subset: 1000 }
        factors:
          dataset: [fashion-mnist]
          architecture: [sequential, parallel]
          layers: [2, 4]
          filters: [4, 8, 16, 24, 32]
          kernel: [3]
          activation: [relu]
          batchNorm: [false]
          optimizer: [adam]
          learningRate: [1e-2, 1e-3]
          batchSize: [32]
        replicates: 4
        epochs: 3
        leaseTimeoutSeconds: 120
        """).Spec ?? throw new InvalidOperationException("the test spec is invalid");

    /// <summary>
    /// Failure detection as slow as Orleans' own defaults (about 15 s), so that the window in which the dead silo's
    /// directory entries are out of reach is wide: the slots of the living silo surely claim into it.
    /// </summary>
    private Dictionary<string, string> Settings(string redis, string clusterId, string serviceId, int siloPort, int slots)
    {
        var settings = ClusterSiloSettings.Simulated(redis, clusterId, serviceId, _scope.Directory, slots, TimeSpan.FromMilliseconds(200), siloPort);
        settings["Orleans__AdvertisedAddress"] = "127.0.0.1";
        settings["Orleans__Membership__ProbeTimeout"] = "00:00:05";
        settings["Orleans__Membership__TableRefreshTimeout"] = "00:01:00";
        return settings;
    }

    /// <summary>The port of a silo address as text, <c>host:port@generation</c>.</summary>
    private static int PortOf(string silo) => int.Parse(silo.Split('@')[0].Split(':')[^1]);

    public void Dispose() => _scope.Dispose();
}
