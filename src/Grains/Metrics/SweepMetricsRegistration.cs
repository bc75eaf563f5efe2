using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansSweep.Grains.Coordinator;

namespace OrleansSweep.Grains.Metrics;

/// <summary>Registers the product's instruments on a silo (no exporter: see <see cref="SweepObservability"/>).</summary>
public static class SweepMetricsRegistration
{
    /// <summary>Adds the meter and its instruments; <see cref="CoordinatorMetrics"/> becomes the <see cref="ISweepObserver"/> unless one is registered.</summary>
    public static IServiceCollection AddSweepMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SweepMeter>();
        services.TryAddSingleton<SweepSamples>();
        services.TryAddSingleton<ISweepObserver, CoordinatorMetrics>();
        services.TryAddSingleton<RunningTrials>();
        services.TryAddSingleton<TrialMetrics>();
        services.TryAddSingleton<SlotMetrics>();
        if (services.Any(s => s.ServiceType == typeof(SiloReadiness))) return services;
        services.AddSingleton<SiloReadiness>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloReadiness>());
        return services;
    }
}
