using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using OrleansSweep.Grains.Metrics;
using OrleansSweep.Grains.Slots;
using OrleansSweep.Grains.Trials;
using Orleans.Serialization;
using Microsoft.Extensions.Options;
using OrleansSweep.Training;

namespace OrleansSweep.Hosting;

/// <summary>
/// Everything a sweep silo needs, chosen by configuration in this one place: clustering, grain storage
/// and reminders (embedded: localhost + SQLite + in-memory reminders and a startup task; cluster: Redis, with
/// <see cref="ClusterMembership"/>'s failure detection), the slot pool and the trainer.
/// </summary>
public static class SweepSiloBuilder
{
    /// <param name="visibleCuda">The host's usable CUDA devices; null: <see cref="Devices.CudaCount"/> (tests give a number).</param>
    public static ISiloBuilder AddOrleansSweep(this ISiloBuilder silo, IConfiguration configuration, int? visibleCuda = null)
    {
        var hosting = HostingOptions.From(configuration);
        if (hosting.IsCluster) UseRedis(silo, hosting, configuration);
        else UseEmbedded(silo, hosting);
        return silo.AddSweepServices(configuration, visibleCuda);
    }

    /// <summary>The sweep's own services without providers (tests bring their own clustering and storage).</summary>
    /// <param name="visibleCuda">The host's usable CUDA devices; null: <see cref="Devices.CudaCount"/> (tests give a number).</param>
    public static ISiloBuilder AddSweepServices(this ISiloBuilder silo, IConfiguration configuration, int? visibleCuda = null)
    {
        var hosting = HostingOptions.From(configuration);
        silo.UseSystemTextJsonGrainState();
        silo.Services.AddSweepExceptionTypes();
        silo.Services.AddSweepMetrics();   // instruments; also the default ISweepObserver (CoordinatorMetrics)
        AddSlots(silo, configuration, hosting, visibleCuda);
        return silo;
    }

    private static void UseEmbedded(ISiloBuilder silo, HostingOptions hosting)
    {
        Directory.CreateDirectory(hosting.StateDirectory);
        var database = Path.Combine(hosting.StateDirectory, "state.db");
        silo.UseLocalhostClustering(hosting.SiloPort, hosting.GatewayPort, serviceId: hosting.ServiceId, clusterId: hosting.ClusterId);
        if (hosting.Tls.Enabled) silo.UseSweepTls(hosting.Tls);
        silo.AddSqliteGrainStorage(StorageNames.Sweeps, o => o.DatabasePath = database);
        silo.AddSqliteGrainStorage(StorageNames.Trials, o => o.DatabasePath = database);
        // In-memory reminders die with the process; the startup task wakes unfinished sweeps instead.
        silo.UseInMemoryReminderService();
        if (!hosting.QueryOnly) silo.AddStartupTask<ResumeUnfinishedSweeps>();
    }

    private static void UseRedis(ISiloBuilder silo, HostingOptions hosting, IConfiguration configuration)
    {
        RedisConnection.Options(hosting);   // fails at startup, with the setting's name, rather than in a provider
        ClusterMembership.From(configuration);
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (hosting.ClusterId, hosting.ServiceId));
        silo.Configure<ClusterMembershipOptions>(o => ClusterMembership.Configure(o, configuration));
        if (hosting.AdvertisedAddress is { Length: > 0 } advertised)
            silo.ConfigureEndpoints(AdvertisedAddress.Resolve(advertised), hosting.SiloPort, hosting.GatewayPort, listenOnAnyHostAddress: true);
        else
            silo.ConfigureEndpoints(hosting.SiloPort, hosting.GatewayPort);
        silo.UseRedisClustering(o => o.ConfigurationOptions = RedisConnection.Options(hosting));
        silo.AddRedisGrainStorage(StorageNames.Sweeps, o => o.ConfigurationOptions = RedisConnection.Options(hosting));
        silo.AddRedisGrainStorage(StorageNames.Trials, o => o.ConfigurationOptions = RedisConnection.Options(hosting));
        silo.UseRedisReminderService(o => o.ConfigurationOptions = RedisConnection.Options(hosting));
        if (hosting.Tls.Enabled) silo.UseSweepTls(hosting.Tls);
    }

    private static void AddSlots(ISiloBuilder silo, IConfiguration configuration, HostingOptions hosting, int? visibleCuda)
    {
        var section = configuration.GetSection(SlotOptions.Section);
        var slots = SlotOptions.From(section);
        if (hosting.QueryOnly) slots.Count = 0;
        if (section[nameof(SlotOptions.CheckpointDirectory)] is null && !hosting.IsCluster)
            slots.CheckpointDirectory = Path.Combine(hosting.StateDirectory, "checkpoints");
        // Planned here, before the host starts: a device that is not there stops the silo with one line (exit 2).
        var plan = slots.Plan(() => visibleCuda ?? Devices.CudaCount);
        silo.Services.AddSingleton(Options.Create(slots));
        silo.Services.AddSingleton(plan);
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<SlotPool>();
        silo.Services.AddSingleton<ActiveSweeps>();
        silo.Services.AddHostedService<SlotWorker>();
        silo.Services.AddSingleton<DatasetCache>();
        AddTrainer(silo, configuration.GetSection("Trainer"));
        // Trials only activate on silos that have slots to train them.
        if (plan.Slots.Count == 0 && !hosting.QueryOnly) silo.Configure<GrainTypeOptions>(o => o.Classes.Remove(typeof(TrialGrain)));
    }

    private static void AddTrainer(ISiloBuilder silo, IConfigurationSection trainer)
    {
        var kind = trainer["Kind"] ?? "torch";
        switch (kind.ToLowerInvariant())
        {
            case "torch":
                silo.Services.TryAddSingleton<ITrainer, TorchTrainer>();
                break;
            case "simulated":
                var options = new SimulatedTrainerOptions();
                trainer.Bind(options);
                silo.Services.TryAddSingleton<ITrainer>(new SimulatedTrainer(options));
                break;
            default:
                throw new InvalidOperationException($"Trainer:Kind: '{kind}' is not torch or simulated");
        }
    }
}
