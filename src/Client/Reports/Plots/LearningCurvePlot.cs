using MathNet.Numerics.Statistics;
using OrleansSweep.Client.Results;
using ScottPlot;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Client.Reports.Plots;

/// <summary>Validation loss per epoch by arm (dataset/architecture): the mean over analysable trials and a ±1 sd band.</summary>
public static class LearningCurvePlot
{
    public static Plot Create(IReadOnlyList<ResultRow> rows, IReadOnlyDictionary<long, IReadOnlyList<EpochMetrics>> epochs)
    {
        var plot = new Plot();
        foreach (var arm in rows.Where(r => r.IsAnalysable).GroupBy(r => r.Arm).OrderBy(g => g.Key))
        {
            var byEpoch = arm
                .SelectMany(r => epochs.GetValueOrDefault(r.TrialIndex) ?? [])
                .Where(e => double.IsFinite(e.ValLoss))
                .GroupBy(e => e.Epoch).OrderBy(g => g.Key)
                .Select(g => (Epoch: (double)g.Key, Stats: g.Select(e => e.ValLoss).MeanStandardDeviation()))
                .ToList();
            if (byEpoch.Count == 0) continue;
            var xs = byEpoch.Select(e => e.Epoch).ToArray();
            var means = byEpoch.Select(e => e.Stats.Item1).ToArray();
            // A single trial has no spread: its band collapses to the line.
            var sds = byEpoch.Select(e => double.IsFinite(e.Stats.Item2) ? e.Stats.Item2 : 0).ToArray();
            var line = plot.Add.Scatter(xs, means);
            line.LegendText = arm.Key;
            var band = plot.Add.FillY(xs, means.Zip(sds, (m, s) => m - s).ToArray(), means.Zip(sds, (m, s) => m + s).ToArray());
            band.FillColor = line.Color.WithAlpha(0.2);
            band.LineWidth = 0;
        }
        plot.Title("Learning curves by arm (mean ± 1 sd)");
        plot.XLabel("epoch");
        plot.YLabel("validation loss");
        plot.ShowLegend();
        return plot;
    }
}
