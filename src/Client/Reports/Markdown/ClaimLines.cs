namespace OrleansSweep.Client.Reports.Markdown;

/// <summary>
/// The paper's three claims as the sweep answers them, one line each: in how many cells each holds, and how many of
/// those cells' trials converged (and, for the claims on training loss, how many cells fall back to the running mean).
/// </summary>
public static class ClaimLines
{
    public const string NoCells =
        "No dataset × Q bin cell has analysed trials of both architectures yet: the paper's claims cannot be checked.";

    public static IReadOnlyList<string> Of(ClaimTally tally)
    {
        if (tally.Cells == 0) return [NoCells];
        var cells = $"{Format.Integer(tally.Cells)} {Plural(tally.Cells, "cell")}";
        var converged = $"{Format.Integer(tally.Converged)} of {Format.Integer(tally.Trials)} {Plural(tally.Trials, "trial")} converged"
            + (tally.ConvergenceUnknown > 0 ? $", {Format.Integer(tally.ConvergenceUnknown)} unknown" : "");
        var runningMean = tally.CellsWithRunningMeanTrainLoss > 0
            ? $"; running-mean training loss in {Format.Integer(tally.CellsWithRunningMeanTrainLoss)} {Plural(tally.CellsWithRunningMeanTrainLoss, "cell")}"
            : "";
        return
        [
            $"Sequential has the lower training loss in {Format.Integer(tally.SequentialLowerTrainLoss)} of {cells} ({converged}{runningMean}).",
            $"Parallel has the smaller gap in {Format.Integer(tally.ParallelSmallerGap)} of {cells} ({converged}{runningMean}).",
            $"Parallel has the lower validation loss in {Format.Integer(tally.ParallelLowerValLoss)} of {cells} ({converged}).",
        ];
    }

    private static string Plural(int count, string noun) => count == 1 ? noun : noun + "s";
}
