using Microsoft.Extensions.DependencyInjection;
using Orleans;
using OrleansSweep.Grains.Coordinator;
using OrleansSweep.Grains.Specs;
using OrleansSweep.Hosting;
using OrleansSweep.Wire;

namespace OrleansSweep.Bench.Engine;

/// <summary>
/// The engine benchmarks' silo: the product's <see cref="EmbeddedSilo"/> (SQLite state, as `orleans-sweep run` has
/// it) on a temporary state folder that goes with it. Calls go through the silo's own grain factory.
/// </summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly EmbeddedSilo _silo;
    private readonly DirectoryInfo _folder;

    private BenchSilo(EmbeddedSilo silo, DirectoryInfo folder) => (_silo, _folder) = (silo, folder);

    public IGrainFactory Grains => _silo.Grains;
    public string SiloAddress => _silo.SiloAddress;
    public string DatabasePath => Path.Combine(_folder.FullName, "state.db");

    /// <param name="settings">Silo settings, e.g. <c>Slots:Count</c> and <c>Trainer:Kind</c>.</param>
    public static async Task<BenchSilo> StartAsync(IReadOnlyDictionary<string, string?> settings, ISweepObserver? observer = null)
    {
        var folder = Directory.CreateTempSubdirectory("orleans-sweep-bench-");
        var silo = await EmbeddedSilo.StartAsync(folder.FullName, new EmbeddedSlots(0, 0), metricsUrl: null, CancellationToken.None,
            settings, services => { if (observer is not null) services.AddSingleton(observer); });
        return new BenchSilo(silo, folder);
    }

    public static SweepSpec Spec(string yaml) =>
        SweepSpecParser.Parse(yaml).Spec ?? throw new InvalidOperationException("benchmark spec is invalid");

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        _folder.Delete(recursive: true);
    }
}
