using OrleansSweep.Client.Reports.Statistics;
using OrleansSweep.Training.Vocabulary;
using OrleansSweep.Client.Results;

namespace OrleansSweep.Client.Reports;

/// <summary>The summary table per dataset × architecture × Q bin. Trials without a known size fall in bin "n/a".</summary>
public static class SummaryTable
{
    public const string UnknownBin = "n/a";

    public static IReadOnlyList<SummaryCell> Build(IEnumerable<ResultRow> rows) => rows
        .GroupBy(r => (r.Dataset, r.Architecture, QBin: r.QBin ?? UnknownBin))
        .OrderBy(g => g.Key.Dataset, StringComparer.Ordinal)
        .ThenBy(g => ArchitectureOrder(g.Key.Architecture))
        .ThenBy(g => g.Key.Architecture, StringComparer.Ordinal)
        .ThenBy(g => BinOrder(g.Key.QBin))
        .Select(g => Cell(g.Key.Dataset, g.Key.Architecture, g.Key.QBin, g.ToList()))
        .ToList();

    private static SummaryCell Cell(string dataset, string architecture, string bin, List<ResultRow> trials)
    {
        var analysed = trials.Where(r => r.IsAnalysable).ToList();
        double? Mean(Func<ResultRow, double> value) => analysed.Count == 0 ? null : analysed.Average(value);
        return new SummaryCell(dataset, architecture, bin, trials.Count, analysed.Count,
            Mean(r => r.FinalTrainLoss!.Value), Mean(r => r.FinalValLoss!.Value),
            Mean(r => r.FinalValLoss!.Value - r.FinalTrainLoss!.Value));
    }

    // Sequential, parallel, then staged arrangements in name order.
    private static int ArchitectureOrder(string architecture) => (int)Architecture.Parse(architecture).Kind;

    private static int BinOrder(string bin) =>
        QBins.All.FirstOrDefault(b => b.Label() == bin) is var known && known.Label() == bin ? (int)known : QBins.All.Count;
}
