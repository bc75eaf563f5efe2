using OrleansSweep.Client.Results;

namespace OrleansSweep.Client.Reports;

/// <summary>A sequential (deep) trial and its parallel (shallow) twin; differences are parallel − sequential.</summary>
public sealed record TwinPair(ResultRow Sequential, ResultRow Parallel)
{
    public double ValLossDifference => Parallel.FinalValLoss!.Value - Sequential.FinalValLoss!.Value;

    /// <summary>In the training loss the report compares (<see cref="TrainingLoss"/>).</summary>
    public double TrainLossDifference => TrainingLoss.Of(Parallel) - TrainingLoss.Of(Sequential);

    public bool ParallelWins => Parallel.FinalValLoss < Sequential.FinalValLoss;
}
