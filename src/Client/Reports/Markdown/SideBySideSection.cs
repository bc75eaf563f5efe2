using System.Globalization;
using OrleansSweep.Training;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Client.Reports.Markdown;

/// <summary>
/// The paper's Table 2, sequential and parallel side by side per dataset × Q bin, headed by the claim lines and
/// followed by what each column means and which training loss it used.
/// </summary>
public static class SideBySideSection
{
    /// <summary>Marks a training loss or gap that uses the running mean for at least one trial.</summary>
    public const string RunningMeanMark = "†";

    public static readonly IReadOnlyList<string> Headers =
    [
        "dataset", "Q bin", "trials seq", "trials par", "converged seq", "converged par",
        "train loss seq", "train loss par", "val loss seq", "val loss par", "gap seq", "gap par",
        "pairs", "val Δ par − seq", "Δ sd over replicates",
    ];

    public static string Render(IReadOnlyList<SideBySideRow> table)
    {
        var tally = ClaimTally.Of(table);
        return "## Sequential against parallel (the paper's Table 2)\n\n"
            + "The paper finds that sequential (deep) stacks reach the lower training loss, and parallel (shallow) ones "
            + "with the same parameters a smaller gap (validation − training loss) and at least as low a validation loss. "
            + "Counted on the cell means of the table below, over its dataset × Q bin cells with analysed trials of both "
            + "architectures (the sweep agrees with a claim in every cell when it holds in n of n):\n\n"
            + string.Concat(ClaimLines.Of(tally).Select(line => $"- {line}\n"))
            + "\n"
            + MarkdownTable.Render(Headers, table.Select(Cells))
            + "\n"
            + ColumnNotes + "\n\n"
            + TrainingLossNote(table) + "\n";
    }

    public static IReadOnlyList<string> Cells(SideBySideRow row) =>
    [
        row.Dataset, row.QBin,
        Trials(row.Sequential), Trials(row.Parallel), Converged(row.Sequential), Converged(row.Parallel),
        Marked(row.Sequential.MeanTrainLoss, row.Sequential), Marked(row.Parallel.MeanTrainLoss, row.Parallel),
        Format.Loss(row.Sequential.MeanValLoss), Format.Loss(row.Parallel.MeanValLoss),
        Marked(row.Sequential.MeanGap, row.Sequential), Marked(row.Parallel.MeanGap, row.Parallel),
        Format.Integer(row.Pairs), Format.Loss(row.MeanValLossDifference), Format.Loss(row.Seeds.StandardDeviation),
    ];

    private static readonly string ColumnNotes =
        "Trials: analysed (completed with finite losses, the ones in the means) / all. Converged: converged / analysed; "
        + $"a trial has converged when neither its validation nor its training loss fell by more than "
        + $"{Convergence.DefaultShare.ToString("0.#%", CultureInfo.InvariantCulture)} over its last "
        + $"{Format.Integer(Convergence.DefaultWindow)} epochs; unknown when it has fewer than "
        + $"{Format.Integer(Convergence.DefaultWindow + 1)} epochs or no such record. Losses are final-epoch means over the "
        + "analysed trials; gap = validation − training loss. Pairs: twin pairs (same factors, replicate and seed) "
        + "with both trials analysed; val Δ: their mean parallel − sequential validation loss (negative: parallel lower). "
        + "Δ sd over replicates: the standard deviation of the per-replicate mean val Δ (each replicate trains every "
        + "configuration from a fresh seed); – with fewer than two replicates.";

    private static string TrainingLossNote(IReadOnlyList<SideBySideRow> table)
    {
        var arms = table.SelectMany(r => new[] { r.Sequential, r.Parallel }).ToList();
        var analysed = arms.Sum(a => a.Analysed);
        var runningMean = arms.Sum(a => a.RunningMeanTrainLoss);
        const string why = "the running mean over the last epoch's batches, which is taken while the weights change and "
            + "so overstates the trained model's training loss (gaps come out too small, even negative)";
        if (runningMean == 0)
            return "Training loss: each trial's loss on the training set in evaluation mode after its last epoch.";
        if (runningMean == analysed)
            return $"Training loss: no trial has its evaluated training loss, so every training loss and gap (all marked {RunningMeanMark}) is {why}.";
        return "Training loss: each trial's loss on the training set in evaluation mode after its last epoch, where it has "
            + $"one; {Format.Integer(runningMean)} of {Format.Integer(analysed)} analysed trials lack it and use {why}. "
            + $"{RunningMeanMark} marks the cells that hold such a trial.";
    }

    private static string Trials(ArmSummary arm) => $"{Format.Integer(arm.Analysed)}/{Format.Integer(arm.Trials)}";

    private static string Converged(ArmSummary arm) =>
        $"{Format.Integer(arm.Converged)}/{Format.Integer(arm.Analysed)}"
        + (arm.ConvergenceUnknown > 0 ? $" ({Format.Integer(arm.ConvergenceUnknown)} unknown)" : "");

    private static string Marked(double? value, ArmSummary arm) =>
        Format.Loss(value) + (arm.RunningMeanTrainLoss > 0 ? RunningMeanMark : "");
}
