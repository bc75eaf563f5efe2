using System.Diagnostics.Metrics;

namespace OrleansSweep.Grains.Metrics;

/// <summary>Per-arm (dataset × architecture) figures of each active sweep, from its coordinator's status.</summary>
internal static class ArmGauges
{
    public delegate IEnumerable<Measurement<T>> ForEachSweep<T>(Func<SweepSamples.Entry, IEnumerable<Measurement<T>>> measure) where T : struct;

    public static void Create(Meter meter, ForEachSweep<double> each)
    {
        meter.CreateObservableGauge("orleans_sweep.arm.finished", () => each(e => Arms(e, a => a.Finished)), "{trial}",
            "Trials of the arm that completed or diverged");
        meter.CreateObservableGauge("orleans_sweep.arm.mean_val_loss", () => each(e => Arms(e, a => a.MeanValLoss)), "1",
            "Mean over the arm's finished trials of each trial's best validation loss");
        meter.CreateObservableGauge("orleans_sweep.arm.best_val_loss", () => each(e => Arms(e, a => a.BestValLoss)), "1",
            "Best validation loss in the arm so far");
    }

    private static IEnumerable<Measurement<double>> Arms(SweepSamples.Entry e, Func<ArmSummary, double> value) =>
        e.Status.Arms
            .Select(a => (Arm: a, Value: value(a)))
            .Where(a => double.IsFinite(a.Value))
            .Select(a => new Measurement<double>(a.Value, [Tags.Sweep(e), .. Tags.Arm(a.Arm.Arm)]));
}
