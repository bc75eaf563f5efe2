using System.Text.Json.Serialization;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Client.Results;

/// <summary>
/// One trial flattened for export and analysis: every factor, its seed and replicate, how it ended, its final and
/// best figures, its size and Q. Figures a trial does not have (not finished, or not finite) are null.
/// </summary>
/// <param name="FinalTrainLoss">The running mean over the last epoch's batches, taken while the weights change.</param>
/// <param name="FinalTrainLossEval">The trained model's loss on the training set in evaluation mode after the last
/// epoch: the training loss the paper compares.</param>
/// <param name="Converged">Whether its losses had flattened by its last epoch (OrleansSweep.Training.Convergence);
/// null when unknown.</param>
/// <param name="Attempts">The trial's own failures (exceptions from training), the attempts that completed it before its epochs were raised, and the attempt that finished it or runs it.</param>
/// <param name="Interruptions">Its leases that ended without it failing or finishing: pause, cancel, drain, lease expiry,
/// a dead silo, a lease the cluster could not start.</param>
public sealed record ResultRow(
    long TrialIndex,
    string Dataset,
    string Architecture,
    int Layers,
    int Filters,
    int Kernel,
    string Activation,
    bool BatchNorm,
    string Optimizer,
    double LearningRate,
    int BatchSize,
    int Replicate,
    long Seed,
    TrialStatus Status,
    int Attempts,
    int Interruptions,
    int Epochs,
    double? FinalTrainLoss,
    double? FinalTrainAccuracy,
    double? FinalTrainLossEval,
    double? FinalValLoss,
    double? FinalValAccuracy,
    double? BestValLoss,
    bool? Converged,
    long? Parameters,
    double? Q,
    string? QBin,
    double? Seconds,
    string? Error)
{
    /// <summary>Completed with finite final losses: the only rows that enter means and pairs.</summary>
    [JsonIgnore]
    public bool IsAnalysable => Status == TrialStatus.Completed && FinalTrainLoss is not null && FinalValLoss is not null;

    /// <summary>Dataset and architecture, e.g. "mnist/parallel".</summary>
    [JsonIgnore]
    public string Arm => $"{Dataset}/{Architecture}";
}
