using OrleansSweep.Client.Results;

namespace OrleansSweep.Client.Reports;

/// <summary>
/// The training loss the report compares: the trial's evaluated one (<see cref="ResultRow.FinalTrainLossEval"/>)
/// where it has it, else the running mean over its last epoch's batches (<see cref="ResultRow.FinalTrainLoss"/>),
/// which is taken while the weights change and so overstates the loss of the trained model. For analysable rows.
/// </summary>
public static class TrainingLoss
{
    public static double Of(ResultRow row) => row.FinalTrainLossEval ?? row.FinalTrainLoss
        ?? throw new ArgumentException($"trial {row.TrialIndex} has no training loss", nameof(row));

    public static bool IsEvaluated(ResultRow row) => row.FinalTrainLossEval is not null;

    /// <summary>Validation − training loss.</summary>
    public static double Gap(ResultRow row) =>
        (row.FinalValLoss ?? throw new ArgumentException($"trial {row.TrialIndex} has no validation loss", nameof(row))) - Of(row);
}
