using OrleansSweep.Client.Reports.Statistics;
using OrleansSweep.Client.Results;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Client.Reports;

/// <summary>
/// The paper's Table 2: one row per dataset × Q bin, sequential and parallel side by side (staged arms are left to
/// the depth table). Trials without a known size yet (not started) fall in bin "n/a", listed last.
/// </summary>
public static class SideBySideTable
{
    public const string UnknownBin = "n/a";

    public static IReadOnlyList<SideBySideRow> Build(IReadOnlyList<ResultRow> rows)
    {
        var pairs = Twins.Pair(rows);
        return rows.Where(r => r.Architecture == Twins.Sequential || r.Architecture == Twins.Parallel)
            .GroupBy(r => (r.Dataset, QBin: r.QBin ?? UnknownBin))
            .OrderBy(g => g.Key.Dataset, StringComparer.Ordinal)
            .ThenBy(g => BinOrder(g.Key.QBin))
            .Select(g =>
            {
                // Twins have the same parameters, so a pair lies in one cell.
                var cellPairs = pairs.Where(p => p.Sequential.Dataset == g.Key.Dataset && p.Sequential.QBin == g.Key.QBin).ToList();
                return new SideBySideRow(
                    g.Key.Dataset, g.Key.QBin,
                    ArmSummary.Of(g.Where(r => r.Architecture == Twins.Sequential).ToList()),
                    ArmSummary.Of(g.Where(r => r.Architecture == Twins.Parallel).ToList()),
                    cellPairs.Count,
                    cellPairs.Count == 0 ? null : cellPairs.Average(p => p.ValLossDifference),
                    SeedSpread.Of(cellPairs));
            })
            .ToList();
    }

    private static int BinOrder(string bin)
    {
        var index = QBins.Labels.ToList().IndexOf(bin);
        return index < 0 ? QBins.Labels.Count : index;
    }
}

/// <summary>
/// One line of the paper's Table 2: a dataset × Q bin with its sequential and parallel trials side by side, and its
/// twin pairs: how many, the mean difference parallel − sequential in validation loss, and its spread over seeds.
/// </summary>
public sealed record SideBySideRow(
    string Dataset, string QBin, ArmSummary Sequential, ArmSummary Parallel,
    int Pairs, double? MeanValLossDifference, SeedSpread Seeds)
{
    /// <summary>Both architectures have trials in the means: the cell can test the paper's claims.</summary>
    public bool HasBothArchitectures => Sequential.Analysed > 0 && Parallel.Analysed > 0;
}
