using System.Globalization;
using OrleansSweep.Client.Results;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace OrleansSweep.Client.Reports.Plots;

/// <summary>Final validation loss against Q (log scale) by arm, one point per analysable trial.</summary>
public static class LossVsQPlot
{
    public static Plot Create(IReadOnlyList<ResultRow> rows)
    {
        var plot = new Plot();
        foreach (var arm in rows.Where(r => r.IsAnalysable && r.Q is not null).GroupBy(r => r.Arm).OrderBy(g => g.Key))
        {
            // ScottPlot has no log axis: plot log10(Q) and label the ticks with Q.
            var xs = arm.Select(r => Math.Log10(r.Q!.Value)).ToArray();
            var ys = arm.Select(r => r.FinalValLoss!.Value).ToArray();
            plot.Add.ScatterPoints(xs, ys).LegendText = arm.Key;
        }
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = x => Math.Pow(10, x).ToString("G3", CultureInfo.InvariantCulture),
        };
        plot.Title("Validation loss against Q by arm");
        plot.XLabel("Q = training samples × classes ÷ parameters (log scale)");
        plot.YLabel("validation loss");
        plot.ShowLegend();
        return plot;
    }
}
