using System.Text.Json;
using StackExchange.Redis;

namespace OrleansSweep.Silo.Tests.Fixtures;

/// <summary>Reads grain states as Orleans' Redis storage holds them: hash <c>{ServiceId}/state/{grainId}/{stateName}</c>, field <c>data</c> (JSON).</summary>
public sealed class RedisStates(ConnectionMultiplexer connection, string serviceId) : IAsyncDisposable
{
    public static async Task<RedisStates> ConnectAsync(ConfigurationOptions redis, string serviceId) =>
        new(await ConnectionMultiplexer.ConnectAsync(redis), serviceId);

    public async Task<JsonElement> ReadAsync(GrainId grain, string stateName)
    {
        var key = $"{serviceId}/state/{grain}/{stateName}";
        var data = await connection.GetDatabase().HashGetAsync(key, "data");
        if (data.IsNull) throw new InvalidOperationException($"no grain state at {key}");
        using var json = JsonDocument.Parse((byte[])data!);
        return json.RootElement.Clone();
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();
}
