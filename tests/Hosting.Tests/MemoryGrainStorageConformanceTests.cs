using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansSweep.Hosting;

namespace OrleansSweep.Hosting.Tests;

/// <summary>
/// Runs the conformance suite against Orleans' own memory storage, taken from a one-silo cluster, to show the
/// suite encodes Orleans' contract rather than our implementation's quirks.
/// </summary>
public sealed class MemoryGrainStorageConformanceTests(MemoryStorageCluster cluster)
    : GrainStorageConformance, IClassFixture<MemoryStorageCluster>
{
    protected override IGrainStorage Storage => cluster.Storage;
}

public sealed class MemoryStorageCluster : IAsyncLifetime
{
    private const string StorageName = "conformance";
    private InProcessTestCluster? _cluster;

    public IGrainStorage Storage =>
        _cluster!.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageName);

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddMemoryGrainStorage(StorageName).UseSystemTextJsonGrainState());
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}
