using ScottPlot;

namespace OrleansSweep.Client.Reports.Plots;

/// <summary>Final validation loss of each twin pair, sequential on x and parallel on y; below the diagonal parallel wins.</summary>
public static class PairScatterPlot
{
    public static Plot Create(IReadOnlyList<TwinPair> pairs)
    {
        var plot = new Plot();
        foreach (var dataset in pairs.GroupBy(p => p.Sequential.Dataset).OrderBy(g => g.Key))
        {
            var xs = dataset.Select(p => p.Sequential.FinalValLoss!.Value).ToArray();
            var ys = dataset.Select(p => p.Parallel.FinalValLoss!.Value).ToArray();
            plot.Add.ScatterPoints(xs, ys).LegendText = dataset.Key;
        }
        var all = pairs.SelectMany(p => new[] { p.Sequential.FinalValLoss!.Value, p.Parallel.FinalValLoss!.Value }).ToList();
        if (all.Count > 0)
        {
            var diagonal = plot.Add.Line(all.Min(), all.Min(), all.Max(), all.Max());
            diagonal.LegendText = "parallel = sequential";
            diagonal.LinePattern = LinePattern.Dashed;
        }
        plot.Title("Validation loss per twin pair");
        plot.XLabel("sequential (deep)");
        plot.YLabel("parallel (shallow)");
        plot.ShowLegend();
        return plot;
    }
}
