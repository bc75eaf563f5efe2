using ScottPlot;

namespace OrleansSweep.Client.Reports.Plots;

/// <summary>Mean validation loss against depth d, one line per dataset and number of layers L (fixed parameters).</summary>
public static class DepthPlot
{
    public static Plot Create(IReadOnlyList<DepthCell> cells)
    {
        var plot = new Plot();
        foreach (var series in cells.GroupBy(c => (c.Dataset, c.Layers)).OrderBy(g => g.Key))
        {
            var ordered = series.OrderBy(c => c.Depth).ToList();
            var line = plot.Add.Scatter(ordered.Select(c => (double)c.Depth).ToArray(), ordered.Select(c => c.MeanValLoss).ToArray());
            line.LegendText = $"{series.Key.Dataset}, L = {series.Key.Layers}";
        }
        plot.Title("Validation loss against depth at fixed parameters");
        plot.XLabel("depth d (1 = parallel, L = sequential)");
        plot.YLabel("mean validation loss");
        plot.ShowLegend();
        return plot;
    }
}
