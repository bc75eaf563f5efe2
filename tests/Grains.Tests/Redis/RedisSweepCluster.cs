using OrleansSweep.Grains.Tests.Engine;
using OrleansSweep.Grains.Trials;
using StackExchange.Redis;

namespace OrleansSweep.Grains.Tests.Redis;

/// <summary>
/// A sweep test cluster with cluster mode's providers: grain storage ("sweeps", "trials") and reminders in
/// Redis, configured as SweepSiloBuilder does. Membership stays in-process: InProcessTestCluster's own
/// membership table always wins over Redis clustering (engineering notes §11).
/// </summary>
public static class RedisSweepCluster
{
    /// <param name="configure">More for each silo (e.g. a grain call filter).</param>
    public static Task<TestSweepCluster> StartAsync(RedisServer redis, int silos, ITrainer runner,
        string? serviceId = null, string? directory = null, RecordingObserver? observer = null,
        Func<int, int>? slotsOfSilo = null, Action<ISiloBuilder>? configure = null) =>
        TestSweepCluster.StartAsync(silos, runner, slotsOfSilo: slotsOfSilo, directory: directory, observer: observer, serviceId: serviceId,
            storage: silo =>
            {
                UseRedis(silo, redis.ConnectionString);
                configure?.Invoke(silo);
            });

    private static void UseRedis(ISiloBuilder silo, string redis)
    {
        silo.AddRedisGrainStorage(StorageNames.Sweeps, o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        silo.AddRedisGrainStorage(StorageNames.Trials, o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        silo.UseRedisReminderService(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
    }
}
