using System.Diagnostics.Metrics;

namespace OrleansSweep.Grains.Metrics;

/// <summary>
/// The product's one <see cref="Meter"/>, created through <see cref="IMeterFactory"/> (so each host's
/// instruments are its own). Instruments are named <c>orleans_sweep.*</c> with UCUM units; the Prometheus
/// exporter turns <c>orleans_sweep.epoch.duration</c> (unit s) into <c>orleans_sweep_epoch_duration_seconds</c>.
/// </summary>
public sealed class SweepMeter(IMeterFactory factory)
{
    public const string Name = "OrleansSweep";

    public Meter Meter { get; } = factory.Create(Name);

    /// <summary>A histogram with explicit bucket boundaries (the exporter's defaults suit milliseconds, not these).</summary>
    public Histogram<double> Histogram(string name, string unit, string description, IReadOnlyList<double> buckets) =>
        Meter.CreateHistogram(name, unit, description, tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = buckets });
}
