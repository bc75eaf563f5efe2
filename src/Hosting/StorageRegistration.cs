using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using OrleansSweep.Hosting.Storage;

namespace OrleansSweep.Hosting;

/// <summary>Registers the project's grain storage providers and its grain-state serializer on a silo.</summary>
public static class StorageRegistration
{
    /// <summary>Adds a <see cref="SqliteGrainStorage"/> named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder silo, string name,
        Action<SqliteGrainStorageOptions> configure)
    {
        silo.Services.AddOptions<SqliteGrainStorageOptions>(name).Configure(configure);
        silo.Services.AddGrainStorage(name, CreateSqlite);
        return silo;
    }

    /// <summary>Adds a <see cref="SqliteGrainStorage"/> as the storage of grains that name no provider.</summary>
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(this ISiloBuilder silo,
        Action<SqliteGrainStorageOptions> configure) =>
        silo.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    /// <summary>Adds a <see cref="SqliteGrainStorage"/> wrapped in a <see cref="FaultInjectingGrainStorage"/> (chaos tests).</summary>
    public static ISiloBuilder AddFaultInjectingSqliteGrainStorage(this ISiloBuilder silo, string name,
        Action<SqliteGrainStorageOptions> configure, FaultInjectionOptions faults)
    {
        silo.Services.AddOptions<SqliteGrainStorageOptions>(name).Configure(configure);
        silo.Services.AddGrainStorage(name, (services, key) => new FaultInjectingGrainStorage(CreateSqlite(services, key), faults));
        return silo;
    }

    /// <summary>
    /// Grain state as System.Text.Json (no CLR type names in stored data, so state classes may be renamed or moved),
    /// with NaN/Infinity allowed (diverged losses) and enums written by name.
    /// </summary>
    public static ISiloBuilder UseSystemTextJsonGrainState(this ISiloBuilder silo)
    {
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.Services.Configure<SystemTextJsonGrainStorageSerializerOptions>(ConfigureGrainStateJson);
        return silo;
    }

    internal static void ConfigureGrainStateJson(SystemTextJsonGrainStorageSerializerOptions options)
    {
        options.JsonSerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        options.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter());
    }

    private static SqliteGrainStorage CreateSqlite(IServiceProvider services, string name) => new(name,
        services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(name),
        services.GetRequiredService<IGrainStorageSerializer>(),
        services.GetRequiredService<IActivatorProvider>());
}
