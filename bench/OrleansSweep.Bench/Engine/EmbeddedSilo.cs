using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using OrleansSweep.Grains;
using OrleansSweep.Grains.Hosting;
using OrleansSweep.Grains.Specs;
using OrleansSweep.Grains.Sweeps;

namespace OrleansSweep.Bench.Engine;

/// <summary>
/// An embedded-mode silo in this process (SQLite state in a temp folder, as `orleans-sweep run` has it),
/// configured like the product, for the engine benchmarks. Calls go through the silo's own grain factory.
/// </summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly DirectoryInfo _directory;

    private EmbeddedSilo(IHost host, DirectoryInfo directory) => (_host, _directory) = (host, directory);

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();
    public string SiloAddress => _host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();
    public string DatabasePath => Path.Combine(_directory.FullName, "state.db");

    public static async Task<EmbeddedSilo> StartAsync(IDictionary<string, string?> settings, ISweepObserver? observer = null)
    {
        var directory = Directory.CreateTempSubdirectory("orleans-sweep-bench-");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["Orleans:StateDirectory"] = directory.FullName,
            ["Orleans:SiloPort"] = FreePort().ToString(), ["Orleans:GatewayPort"] = FreePort().ToString(),
        });
        if (observer is not null) builder.Services.AddSingleton(observer);
        builder.UseOrleans(silo => silo.AddOrleansSweep(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return new EmbeddedSilo(host, directory);
    }

    public static SweepSpec Spec(string yaml) =>
        SweepSpecParser.Parse(yaml).Spec ?? throw new InvalidOperationException("benchmark spec is invalid");

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _directory.Delete(recursive: true);
    }
}
