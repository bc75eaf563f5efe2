using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Client.Results;

/// <summary>One line of a flat export: a trial, and in the long per-epoch layout one of its epochs (or none).</summary>
internal sealed record ResultRecord(ResultRow Row, EpochMetrics? Epoch)
{
    /// <summary>
    /// Without <paramref name="epochs"/> one record per trial; with them one per trial × epoch, in epoch order, and
    /// one with no epoch for a trial that has no history (so no trial is dropped).
    /// </summary>
    public static IReadOnlyList<ResultRecord> Layout(
        IReadOnlyList<ResultRow> rows, IReadOnlyDictionary<long, IReadOnlyList<EpochMetrics>>? epochs) =>
        epochs is null
            ? rows.Select(r => new ResultRecord(r, null)).ToList()
            : rows.SelectMany(r => epochs.GetValueOrDefault(r.TrialIndex) is { Count: > 0 } history
                    ? history.OrderBy(e => e.Epoch).Select(e => new ResultRecord(r, e))
                    : [new ResultRecord(r, null)])
                .ToList();
}
