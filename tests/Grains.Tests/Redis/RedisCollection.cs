namespace OrleansSweep.Grains.Tests.Redis;

/// <summary>
/// The Redis cluster-mode tests share one throw-away redis-server (each test cluster has its own ServiceId,
/// which prefixes every key) and run one at a time, like the other cluster tests (2-core CI).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>
{
    public const string Name = "Redis";
}

public sealed class RedisFixture : IAsyncLifetime
{
    public RedisServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
