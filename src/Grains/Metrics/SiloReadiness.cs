using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;

namespace OrleansSweep.Grains.Metrics;

/// <summary>
/// Whether this silo serves: true once its lifecycle reached Active (joined the cluster, grains placeable),
/// false again as soon as the host begins to stop. Backs <c>/readyz</c> and the <c>orleans_sweep.silo.ready</c> gauge.
/// </summary>
public sealed class SiloReadiness : ILifecycleParticipant<ISiloLifecycle>
{
    private volatile bool _ready;

    public SiloReadiness(SweepMeter meter, IHostApplicationLifetime lifetime)
    {
        lifetime.ApplicationStopping.Register(() => _ready = false);
        meter.Meter.CreateObservableGauge("orleans_sweep.silo.ready", () => _ready ? 1 : 0, "1", "1 while the silo is active and not stopping");
    }

    public bool IsReady => _ready;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloReadiness), ServiceLifecycleStage.Active,
            _ => { _ready = true; return Task.CompletedTask; },
            _ => { _ready = false; return Task.CompletedTask; });
}
