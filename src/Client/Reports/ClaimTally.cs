namespace OrleansSweep.Client.Reports;

/// <summary>
/// The paper's three claims counted over the cells of the side-by-side table that have both architectures, on the
/// cells' means: in how many sequential has the lower training loss, parallel the smaller gap, parallel the lower
/// validation loss (ties count for neither); the analysed trials in those cells and how many of them converged or
/// cannot tell; and how many of those cells use a running-mean training loss for some trial.
/// </summary>
public sealed record ClaimTally(
    int Cells, int SequentialLowerTrainLoss, int ParallelSmallerGap, int ParallelLowerValLoss,
    int Trials, int Converged, int ConvergenceUnknown, int CellsWithRunningMeanTrainLoss)
{
    public static ClaimTally Of(IReadOnlyList<SideBySideRow> table)
    {
        var cells = table.Where(c => c.HasBothArchitectures).ToList();
        int Count(Func<ArmSummary, ArmSummary, bool> holds) => cells.Count(c => holds(c.Sequential, c.Parallel));
        int Sum(Func<ArmSummary, int> count) => cells.Sum(c => count(c.Sequential) + count(c.Parallel));
        return new ClaimTally(
            cells.Count,
            Count((s, p) => s.MeanTrainLoss < p.MeanTrainLoss),
            Count((s, p) => p.MeanGap < s.MeanGap),
            Count((s, p) => p.MeanValLoss < s.MeanValLoss),
            Sum(a => a.Analysed), Sum(a => a.Converged), Sum(a => a.ConvergenceUnknown),
            Count((s, p) => s.RunningMeanTrainLoss + p.RunningMeanTrainLoss > 0));
    }
}
