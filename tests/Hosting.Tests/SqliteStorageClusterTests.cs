using Orleans.Hosting;
using Orleans.TestingHost;
using OrleansSweep.Hosting;

namespace OrleansSweep.Hosting.Tests;

public sealed class SqliteStorageClusterTests : IDisposable
{
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task Grain_state_written_before_a_cluster_restart_is_read_after_it()
    {
        await using (var first = await StartCluster())
        {
            var grain = first.Client.GetGrain<IProgressGrain>("trial-7");
            await grain.AddEpoch(0.5);
            await grain.AddEpoch(double.NaN);
        }

        await using var second = await StartCluster();
        var losses = await second.Client.GetGrain<IProgressGrain>("trial-7").Losses();

        Assert.Equal(2, losses.Count);
        Assert.Equal(0.5, losses[0]);
        Assert.True(double.IsNaN(losses[1]));
        Assert.Equal("Diverged", _database.Scalar("SELECT json_extract(payload, '$.Phase') FROM grain_state WHERE state_name = 's'"));
    }

    private async Task<InProcessTestCluster> StartCluster()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo
            .UseSystemTextJsonGrainState()
            .AddSqliteGrainStorage("trials", o => o.DatabasePath = _database.Path));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public void Dispose() => _database.Dispose();
}
