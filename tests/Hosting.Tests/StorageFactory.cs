using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using OrleansSweep.Hosting;
using OrleansSweep.Hosting.Storage;

namespace OrleansSweep.Hosting.Tests;

/// <summary>Builds a <see cref="SqliteGrainStorage"/> outside a silo, with the serializer the product configures.</summary>
public static class StorageFactory
{
    private static readonly IActivatorProvider Activators =
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<IActivatorProvider>();

    public static IGrainStorageSerializer JsonSerializer()
    {
        var options = new SystemTextJsonGrainStorageSerializerOptions();
        StorageRegistration.ConfigureGrainStateJson(options);
        return new SystemTextJsonGrainStorageSerializer(Options.Create(options));
    }

    public static SqliteGrainStorage Sqlite(string path) =>
        new("test", new SqliteGrainStorageOptions { DatabasePath = path }, JsonSerializer(), Activators);
}
