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

    /// <summary>
    /// The fields in which a checkpoint of this spec differs from <paramref name="other"/> so that continuing it would
    /// compute something else ("learningRate 0.01, not 0.001"); empty when it can continue. Threads only change how
    /// fast it computes, and the epoch budget how far: raising it trains a finished run further.
    /// </summary>
    public IReadOnlyList<string> DifferencesFrom(TrainingSpec other)
    {
        var differences = new List<string>();
        void Compare<T>(string field, T mine, T theirs)
        {
            if (!EqualityComparer<T>.Default.Equals(mine, theirs))
                differences.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{field} {mine}, not {theirs}"));
        }
        Compare("architecture", Model.Architecture, other.Model.Architecture);
        Compare("layers", Model.Layers, other.Model.Layers);
        Compare("filters", Model.Filters, other.Model.Filters);
        Compare("kernel", Model.Kernel, other.Model.Kernel);
        Compare("activation", Vocabulary.Names.Of(Model.Activation), Vocabulary.Names.Of(other.Model.Activation));
        Compare("batchNorm", Model.BatchNorm, other.Model.BatchNorm);
        Compare("inChannels", Model.InChannels, other.Model.InChannels);
        Compare("classes", Model.Classes, other.Model.Classes);
        Compare("optimizer", Vocabulary.Names.Of(Optimizer), Vocabulary.Names.Of(other.Optimizer));
        Compare("learningRate", LearningRate, other.LearningRate);
        Compare("batchSize", BatchSize, other.BatchSize);
        Compare("seed", Seed, other.Seed);
        return differences;
    }
}
