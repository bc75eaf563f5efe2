using OrleansSweep.Client.Results;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Client.Reports;

/// <summary>
/// Pairs each sequential trial with its parallel twin: the same dataset, every other factor, replicate and seed,
/// differing only in the architecture. Only pairs where both trials are analysable (completed, finite losses) count.
/// </summary>
public static class Twins
{
    public static readonly string Sequential = Architecture.Sequential.ToString(), Parallel = Architecture.Parallel.ToString();

    public static IReadOnlyList<TwinPair> Pair(IEnumerable<ResultRow> rows)
    {
        var analysable = rows.Where(r => r.IsAnalysable).OrderBy(r => r.TrialIndex).ToList();
        var parallel = analysable.Where(r => r.Architecture == Parallel)
            .GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
        return analysable.Where(r => r.Architecture == Sequential)
            .Select(s => parallel.TryGetValue(Key(s), out var p) ? new TwinPair(s, p) : null)
            .OfType<TwinPair>()
            .ToList();
    }

    private static TwinKey Key(ResultRow r) => new(r.Dataset, r.Layers, r.Filters, r.Kernel, r.Activation, r.BatchNorm,
        r.Optimizer, r.LearningRate, r.BatchSize, r.Replicate, r.Seed);

    private sealed record TwinKey(string Dataset, int Layers, int Filters, int Kernel, string Activation, bool BatchNorm,
        string Optimizer, double LearningRate, int BatchSize, int Replicate, long Seed);
}

/// <summary>A sequential (deep) trial and its parallel (shallow) twin; differences are parallel − sequential.</summary>
public sealed record TwinPair(ResultRow Sequential, ResultRow Parallel)
{
    public double ValLossDifference => Parallel.FinalValLoss!.Value - Sequential.FinalValLoss!.Value;

    /// <summary>In the training loss the report compares (<see cref="TrainingLoss"/>).</summary>
    public double TrainLossDifference => TrainingLoss.Of(Parallel) - TrainingLoss.Of(Sequential);

    public bool ParallelWins => Parallel.FinalValLoss < Sequential.FinalValLoss;
}
