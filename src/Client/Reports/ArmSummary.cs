using OrleansSweep.Client.Results;

namespace OrleansSweep.Client.Reports;

/// <summary>
/// One architecture's trials in one dataset × Q bin cell: how many there are, how many enter the means (analysable),
/// how many of those converged or cannot tell, how many fall back to the running-mean training loss, and the means
/// of their final training loss (<see cref="TrainingLoss"/>), validation loss and gap (validation − training).
/// </summary>
public sealed record ArmSummary(
    int Trials, int Analysed, int Converged, int ConvergenceUnknown, int RunningMeanTrainLoss,
    double? MeanTrainLoss, double? MeanValLoss, double? MeanGap)
{
    public static ArmSummary Of(IReadOnlyList<ResultRow> trials)
    {
        var analysed = trials.Where(r => r.IsAnalysable).ToList();
        double? Mean(Func<ResultRow, double> value) => analysed.Count == 0 ? null : analysed.Average(value);
        return new ArmSummary(
            trials.Count, analysed.Count,
            analysed.Count(r => r.Converged == true), analysed.Count(r => r.Converged is null),
            analysed.Count(r => !TrainingLoss.IsEvaluated(r)),
            Mean(TrainingLoss.Of), Mean(r => r.FinalValLoss!.Value), Mean(TrainingLoss.Gap));
    }
}
