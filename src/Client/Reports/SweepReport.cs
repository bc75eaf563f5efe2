using System.Text;
using OrleansSweep.Client.Reports.Markdown;
using OrleansSweep.Client.Reports.Plots;
using OrleansSweep.Client.Reports.Statistics;
using OrleansSweep.Client.Results;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Client.Reports;

/// <summary>
/// The deep-vs-shallow report of a sweep: <c>report.md</c> in <c>outDir</c> with the summary table, the paired
/// analysis of twins, depth at fixed parameters (with staged:d arms), and plots beside it as PNG and SVG.
/// Only analysable trials (completed, finite losses) enter means, pairs and plots; every trial is counted.
/// </summary>
public static class SweepReport
{
    public const string FileName = "report.md";
    public const string PairsPlot = "pairs-val-loss", LearningCurves = "learning-curves", LossVsQ = "loss-vs-q", DepthPlotName = "depth";

    /// <returns>The path of the report.md written.</returns>
    public static string Write(
        SweepSpec spec, IReadOnlyList<ResultRow> rows, IReadOnlyDictionary<long, IReadOnlyList<EpochMetrics>> epochs,
        string outDir, int resamples = Bootstrap.DefaultResamples)
    {
        Directory.CreateDirectory(outDir);
        var seed = unchecked((int)spec.Seed);
        var pairs = Twins.Pair(rows);
        var depth = DepthTable.Build(rows);
        var analysable = rows.Any(r => r.IsAnalysable);

        var text = new StringBuilder()
            .AppendLine(OverviewSection.Render(spec, rows))
            .AppendLine(SummarySection.Render(SummaryTable.Build(rows)))
            .AppendLine(PairedSection.Render(PairedComparison.Breakdown(pairs, seed, resamples), resamples, seed,
                pairs.Count > 0 ? PlotFiles.Save(PairScatterPlot.Create(pairs), outDir, PairsPlot) : null));
        if (depth.Count > 0)
            text.AppendLine(DepthSection.Render(depth, PlotFiles.Save(DepthPlot.Create(depth), outDir, DepthPlotName)));
        if (analysable)
        {
            text.AppendLine("## Learning curves\n")
                .AppendLine($"![Learning curves by arm]({PlotFiles.Save(LearningCurvePlot.Create(rows, epochs), outDir, LearningCurves)})\n")
                .AppendLine("## Loss against Q\n")
                .AppendLine($"![Validation loss against Q]({PlotFiles.Save(LossVsQPlot.Create(rows), outDir, LossVsQ)})\n");
        }
        text.AppendLine("Every plot is also written as SVG beside its PNG.");

        var path = Path.Combine(outDir, FileName);
        File.WriteAllText(path, text.ToString().Replace("\r\n", "\n"));
        return path;
    }
}
