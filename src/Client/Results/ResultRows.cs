using OrleansSweep.Training.Vocabulary;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Client.Results;

/// <summary>Builds <see cref="ResultRow"/>s from what the sweep reports about its trials.</summary>
public static class ResultRows
{
    /// <summary>
    /// Flattens one trial. <paramref name="history"/> (its epochs, when known) gives <see cref="ResultRow.Seconds"/>
    /// as the sum of epoch times; without it, or with no epoch, Seconds is null. Non-finite losses become null.
    /// </summary>
    public static ResultRow From(SweepSpec spec, TrialSummary t, IReadOnlyList<EpochMetrics>? history)
    {
        var c = t.Config;
        var o = t.Outcome;
        var final = o?.Final;
        long? parameters = o is { Parameters: > 0 } ? o.Parameters : null;
        double? q = parameters is { } p ? DeterminationRatio.Of(c.Dataset, spec.Data.Subset, p) : null;
        double? seconds = history is { Count: > 0 } ? history.Sum(e => e.Seconds) : null;
        return new ResultRow(
            t.TrialIndex, c.Dataset.Name, c.Architecture.ToString(), c.Layers, c.Filters, c.Kernel, Names.Of(c.Activation), c.BatchNorm,
            Names.Of(c.Optimizer), c.LearningRate, c.BatchSize, c.Replicate, c.Seed,
            t.Status, t.Attempts, t.Interruptions, o?.Epochs ?? history?.Count ?? 0,
            Finite(final?.TrainLoss), Finite(final?.TrainAccuracy), Finite(final?.TrainLossEval),
            Finite(final?.ValLoss), Finite(final?.ValAccuracy),
            o is null ? null : Finite(o.BestValLoss), o?.Converged,
            parameters, q, q is { } value ? QBins.Of(value)?.Label() : null, seconds, o?.Error);
    }

    /// <summary>All trials of a sweep; <paramref name="epochs"/> may lack trials (then their Seconds is null).</summary>
    public static IReadOnlyList<ResultRow> From(
        SweepSpec spec, IEnumerable<TrialSummary> trials, IReadOnlyDictionary<long, IReadOnlyList<EpochMetrics>>? epochs) =>
        trials.Select(t => From(spec, t, epochs?.GetValueOrDefault(t.TrialIndex))).ToList();

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
