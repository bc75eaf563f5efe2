using OrleansSweep.Training.Models;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Sessions;

/// <summary>One trial's complete training recipe. With the same spec and data, CPU runs are bit-identical.</summary>
/// <param name="Threads">torch intra-op threads for the training thread; 0 keeps torch's default.</param>
public sealed record TrainingSpec(
    ModelSpec Model,
    Optimizer Optimizer,
    double LearningRate,
    int BatchSize,
    int Epochs,
    long Seed,
    int Threads = 0)
{
    /// <summary>Throws ArgumentException whose message names the offending field.</summary>
    public void Validate()
    {
        Model.Validate();
        if (!Enum.IsDefined(Optimizer)) throw new ArgumentException($"optimizer: unknown value {(int)Optimizer}");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
            throw new ArgumentException($"learningRate: must be a positive number, got {LearningRate}");
        if (BatchSize < 1) throw new ArgumentException($"batchSize: must be >= 1, got {BatchSize}");
        if (Epochs < 1) throw new ArgumentException($"epochs: must be >= 1, got {Epochs}");
        if (Threads < 0) throw new ArgumentException($"threads: must be >= 0, got {Threads}");
    }

    /// <summary>True when both specs compute the same thing: they differ at most in execution details (threads).</summary>
    public bool SameComputationAs(TrainingSpec other) => this with { Threads = 0 } == other with { Threads = 0 };
}
