using System.Text.Json;
using StackExchange.Redis;

namespace OrleansSweep.Grains.Tests.Redis;

/// <summary>
/// Reads what the Orleans Redis providers stored, straight from Redis, to check that state and reminders
/// really live there. Layout: grain state hash <c>{ServiceId}/state/{GrainId}/{stateName}</c> with fields
/// <c>etag</c> and <c>data</c>; reminders one sorted set <c>{ServiceId}/reminders</c>.
/// </summary>
public sealed class RedisInspector : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _connection;

    private RedisInspector(ConnectionMultiplexer connection) => _connection = connection;

    public static async Task<RedisInspector> ConnectAsync(RedisServer redis)
    {
        var options = ConfigurationOptions.Parse(redis.ConnectionString);
        options.AllowAdmin = true;   // INFO
        return new(await ConnectionMultiplexer.ConnectAsync(options));
    }

    private IDatabase Database => _connection.GetDatabase();

    /// <summary>Every key under the service's prefix (SCAN, not KEYS).</summary>
    public IReadOnlyList<string> Keys(string serviceId) =>
        _connection.GetServers().Single().Keys(pattern: serviceId + "/*").Select(k => k.ToString()).Order().ToList();

    public static string StateKey(string serviceId, GrainId grain, string stateName) => $"{serviceId}/state/{grain}/{stateName}";

    /// <summary>The hash's field names and its <c>data</c> field parsed as JSON (System.Text.Json grain state).</summary>
    public async Task<(IReadOnlyList<string> Fields, JsonElement Data)> GrainStateAsync(string serviceId, GrainId grain, string stateName)
    {
        var entries = await Database.HashGetAllAsync(StateKey(serviceId, grain, stateName));
        var data = entries.SingleOrDefault(e => e.Name == "data").Value;
        Assert.False(data.IsNull, $"no data field in {StateKey(serviceId, grain, stateName)}");
        using var json = JsonDocument.Parse((byte[])data!);
        return (entries.Select(e => e.Name.ToString()).Order().ToList(), json.RootElement.Clone());
    }

    /// <summary>The raw reminder entries of the service (each names its grain and reminder).</summary>
    public async Task<IReadOnlyList<string>> RemindersAsync(string serviceId) =>
        (await Database.SortedSetRangeByRankAsync($"{serviceId}/reminders")).Select(r => r.ToString()).ToList();

    /// <summary>Calls per command since the server started (INFO commandstats), e.g. <c>evalsha</c>, <c>hgetall</c>.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CommandCallsAsync() =>
        (await _connection.GetServers().Single().InfoAsync("commandstats")).SelectMany(g => g)
            .ToDictionary(kv => kv.Key["cmdstat_".Length..],
                kv => long.Parse(kv.Value.Split(',').First(f => f.StartsWith("calls=", StringComparison.Ordinal))["calls=".Length..]));

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
