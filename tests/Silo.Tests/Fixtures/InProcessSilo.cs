using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansSweep.Hosting;
using OrleansSweep.Grains.Metrics;

namespace OrleansSweep.Silo.Tests.Fixtures;

/// <summary>
/// An embedded-mode silo in this process, built with the same calls as src/Silo/Program.cs, its state and
/// checkpoints in a temp folder and its endpoints on a free loopback port.
/// </summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessSilo(WebApplication app, string directory, int port, int gatewayPort)
    {
        (_app, Directory, GatewayPort) = (app, directory, gatewayPort);
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public string Directory { get; }
    public int GatewayPort { get; }
    public HttpClient Http { get; }
    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    /// <param name="visibleCuda">Stands in for the host's CUDA device count (the slots' device plan); null: the real one.</param>
    public static async Task<InProcessSilo> StartAsync(IReadOnlyDictionary<string, string?> settings, int? visibleCuda = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("silo-tests-").FullName;
        var port = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = directory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["Orleans:StateDirectory"] = Path.Combine(directory, "state"),
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = gatewayPort.ToString(),
            ["Metrics:Urls"] = $"http://127.0.0.1:{port}",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.AddOrleansSweep(builder.Configuration, visibleCuda));
        builder.AddSweepObservability();
        var app = builder.Build();
        app.MapSweepEndpoints();
        await app.StartAsync();
        return new InProcessSilo(app, directory, port, gatewayPort);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a straggling file handle; the temp folder is disposable anyway
        }
    }
}
