using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansSweep.Hosting;
using OrleansSweep.Grains.Specs;
using OrleansSweep.Hosting.Storage;
using OrleansSweep.Grains.Trials;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using OrleansSweep.Grains.Coordinator;
using Orleans.Serialization;

namespace OrleansSweep.Grains.Tests.Engine;

/// <summary>
/// An in-process cluster of sweep silos sharing one SQLite state file and one checkpoint folder (as
/// silos of one machine would), each with its own slot pool. Slot counts are per silo instance.
/// </summary>
public sealed class TestSweepCluster : IAsyncDisposable
{
    private TestSweepCluster(InProcessTestCluster cluster, string directory, RecordingObserver observer)
    {
        (Cluster, Directory, Observer) = (cluster, directory, observer);
    }

    public InProcessTestCluster Cluster { get; }
    public string Directory { get; }
    public RecordingObserver Observer { get; }
    public IClusterClient Client => Cluster.Client;
    public string ServiceId => Cluster.Options.ServiceId;

    /// <summary>
    /// Starts the cluster; <paramref name="storage"/> replaces the SQLite providers (e.g. Redis for cluster mode);
    /// <paramref name="settings"/> add to or override each silo's configuration; <paramref name="visibleCuda"/> stands in
    /// for the host's CUDA device count (the slots' device plan; a simulated runner can "train" there).
    /// </summary>
    public static async Task<TestSweepCluster> StartAsync(
        int silos, ITrainer? runner, Func<int, int>? slotsOfSilo = null, FaultInjectionOptions? faults = null,
        string? directory = null, RecordingObserver? observer = null, bool homogeneous = true,
        Action<ISiloBuilder>? storage = null, string? serviceId = null, IReadOnlyDictionary<string, string?>? settings = null,
        int? visibleCuda = null)
    {
        directory ??= System.IO.Directory.CreateTempSubdirectory("sweep-cluster-").FullName;
        observer ??= new RecordingObserver();
        var database = Path.Combine(directory, "state.db");
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.Options.ConfigureFileLogging = false;
        builder.Options.AssumeHomogenousSilosForTesting = homogeneous;
        if (serviceId is not null) builder.Options.ServiceId = serviceId;
        builder.ConfigureSilo((options, silo) =>
        {
            var instance = int.Parse(options.SiloName.Split('_').Last());
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Slots:Count"] = (slotsOfSilo?.Invoke(instance) ?? 2).ToString(),
                ["Slots:ThreadsPerSlot"] = "1",
                ["Slots:CheckpointDirectory"] = Path.Combine(directory, "checkpoints"),
                ["Slots:PollInterval"] = "00:00:00.200",
            }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
            if (runner is not null) silo.Services.AddSingleton(runner);   // else the real TorchSharp trainer
            silo.Services.AddSingleton<ISweepObserver>(observer);
            if (storage is not null) storage(silo);
            else AddSqliteStorage(silo, database, faults);
            silo.AddSweepServices(configuration, visibleCuda);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new TestSweepCluster(cluster, directory, observer);
    }

    /// <summary>Embedded mode's providers: SQLite state (optionally faulty), in-memory reminders, the resume task.</summary>
    private static void AddSqliteStorage(ISiloBuilder silo, string database, FaultInjectionOptions? faults)
    {
        if (faults is null)
        {
            silo.AddSqliteGrainStorage(StorageNames.Sweeps, o => o.DatabasePath = database);
            silo.AddSqliteGrainStorage(StorageNames.Trials, o => o.DatabasePath = database);
        }
        else
        {
            silo.AddFaultInjectingSqliteGrainStorage(StorageNames.Sweeps, o => o.DatabasePath = database, faults);
            silo.AddFaultInjectingSqliteGrainStorage(StorageNames.Trials, o => o.DatabasePath = database, faults with { Seed = faults.Seed + 1 });
        }
        silo.UseInMemoryReminderService();
        silo.AddStartupTask<ResumeUnfinishedSweeps>();
    }

    public static SweepSpec Spec(string name, int layersCount = 3, int epochs = 3, int maxAttempts = 3, int leaseSeconds = 5, int subset = 0,
        double learningRate = 1e-3, int filters = 4, int replicates = 1) =>
        SweepSpecParser.Parse($$"""
            name: {{name}}
            seed: 11
            {{(subset > 0 ? $"data: {{ subset: {subset} }}" : "")}}
            factors:
              dataset: [fashion-mnist]
              architecture: [sequential, parallel]
              layers: [{{string.Join(", ", Enumerable.Range(1, layersCount).Select(l => l * 2))}}]
              filters: [{{filters}}]
              kernel: [3]
              activation: [relu, tanh]
              batchNorm: [false]
              optimizer: [adam]
              learningRate: [{{learningRate.ToString(System.Globalization.CultureInfo.InvariantCulture)}}]
              batchSize: [32]
            epochs: {{epochs}}
            replicates: {{replicates}}
            retry: { maxAttempts: {{maxAttempts}}, backoffSeconds: 0.2 }
            leaseTimeoutSeconds: {{leaseSeconds}}
            """).Spec ?? throw new InvalidOperationException("test spec is invalid");

    public async Task<SweepStatus> WaitForEndAsync(string sweepId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await Client.GetGrain<ISweepGrain>(sweepId).GetStatus();
            if (status.Phase is SweepPhase.Completed or SweepPhase.Cancelled) return status;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"sweep {sweepId} still {status.Phase} after {timeout}: {Describe(status)}");
            await Task.Delay(200);
        }
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms, for at most 90 s.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met");
            await Task.Delay(100);
        }
    }

    public async Task<IReadOnlyList<TrialSummary>> ResultsAsync(string sweepId) =>
        (await Client.GetGrain<ISweepGrain>(sweepId).GetResults(0, 10_000)).Items;

    public InProcessSiloHandle SiloOf(string siloAddress) =>
        Cluster.Silos.Single(s => s.SiloAddress.ToParsableString() == siloAddress);

    public static string Describe(SweepStatus status) =>
        string.Join(", ", status.Counts.Where(kv => kv.Value > 0).Select(kv => $"{kv.Key}={kv.Value}"));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Cluster.DisposeAsync();
        }
        catch (Exception)
        {
            // A cluster with killed silos may complain while shutting down; the test already has its verdict.
        }
    }
}
