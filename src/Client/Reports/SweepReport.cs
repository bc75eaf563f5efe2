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
/// The deep-vs-shallow report of a sweep: <c>report.md</c> in <c>outDir</c> with the paper's Table 2 side by side and
/// its claims counted, the paired analysis of twins, depth at fixed parameters (with staged:d arms), and plots beside
/// it as PNG and SVG. Only analysable trials (completed, finite losses) enter means, pairs and plots; every trial is
/// counted. Without any analysable trial the report says so and holds nothing else.
/// </summary>
public static class SweepReport
{
    public const string FileName = "report.md";
    public const string PairsPlot = "pairs-val-loss", LearningCurves = "learning-curves", LossVsQ = "loss-vs-q", DepthPlotName = "depth";
    public const string SvgNote = "Every plot is also written as SVG beside its PNG.";

    /// <summary>Whether any trial has finished with finite losses: else the report has nothing to compare.</summary>
    public static bool HasFindings(IReadOnlyList<ResultRow> rows) => rows.Any(r => r.IsAnalysable);

    /// <returns>The path of the report.md written.</returns>
    public static string Write(
        SweepSpec spec, IReadOnlyList<ResultRow> rows, IReadOnlyDictionary<long, IReadOnlyList<EpochMetrics>> epochs,
        string outDir, int resamples = Bootstrap.DefaultResamples)
    {
        Directory.CreateDirectory(outDir);
        var text = new StringBuilder().AppendLine(OverviewSection.Render(spec, rows));
        if (HasFindings(rows)) AppendFindings(text, spec, rows, epochs, outDir, resamples);

        var path = Path.Combine(outDir, FileName);
        File.WriteAllText(path, text.ToString().Replace("\r\n", "\n"));
        return path;
    }

    private static void AppendFindings(
        StringBuilder text, SweepSpec spec, IReadOnlyList<ResultRow> rows, IReadOnlyDictionary<long, IReadOnlyList<EpochMetrics>> epochs,
        string outDir, int resamples)
    {
        var seed = unchecked((int)spec.Seed);
        var pairs = Twins.Pair(rows);
        var depth = DepthTable.Build(rows);
        var plots = 0;
        string Save(ScottPlot.Plot plot, string name)
        {
            plots++;
            return PlotFiles.Save(plot, outDir, name);
        }

        text.AppendLine(SideBySideSection.Render(SideBySideTable.Build(rows)))
            .AppendLine(PairedSection.Render(PairedComparison.Breakdown(pairs, seed, resamples), resamples, seed,
                pairs.Count > 0 ? Save(PairScatterPlot.Create(pairs), PairsPlot) : null));
        if (depth.Count > 0)
            text.AppendLine(DepthSection.Render(depth, Save(DepthPlot.Create(depth), DepthPlotName)));
        text.AppendLine("## Learning curves\n")
            .AppendLine($"Validation loss per epoch, mean ± 1 sd over the {epochs.Count} analysable trials whose histories were read "
                + "(every trial of a small sweep; an evenly spread sample of each arm of a large one).\n")
            .AppendLine($"![Learning curves by arm]({Save(LearningCurvePlot.Create(rows, epochs), LearningCurves)})\n")
            .AppendLine("## Loss against Q\n")
            .AppendLine($"![Validation loss against Q]({Save(LossVsQPlot.Create(rows), LossVsQ)})\n");
        if (plots > 0) text.AppendLine(SvgNote);
    }
}
