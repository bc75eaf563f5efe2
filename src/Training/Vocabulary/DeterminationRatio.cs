namespace OrleansSweep.Training.Vocabulary;

/// <summary>
/// The study's determination ratio Q = training samples × outputs (classes) ÷ parameters: how many constraints the
/// training data puts on each parameter. Below 1 a net can memorise its data; the paper bins Q as [0,1), [1,3),
/// [3,10) and [10,∞).
/// </summary>
public static class DeterminationRatio
{
    /// <summary>Q, or NaN when the parameter count is unknown (0).</summary>
    public static double Of(int trainingSamples, int classes, long parameters) =>
        parameters <= 0 ? double.NaN : (double)trainingSamples * classes / parameters;

    /// <summary>Q of a net with <paramref name="parameters"/> trained on <paramref name="dataset"/> (its subset, if any).</summary>
    public static double Of(Dataset dataset, int? subset, long parameters) =>
        Of(dataset.TrainingSamples(subset), dataset.Classes, parameters);
}

/// <summary>The paper's Q bins; <see cref="QBins.Label"/> is their one spelling (exports, metrics labels, report).</summary>
public enum QBin
{
    Below1,
    From1To3,
    From3To10,
    From10,
}

public static class QBins
{
    /// <summary>The bins in order.</summary>
    public static IReadOnlyList<QBin> All { get; } = Enum.GetValues<QBin>();

    /// <summary>Their labels in the same order.</summary>
    public static IReadOnlyList<string> Labels { get; } = [.. All.Select(Label)];

    /// <summary>The bin of a finite, non-negative Q; null for NaN (unknown size).</summary>
    public static QBin? Of(double q) => q switch
    {
        double.NaN => null,
        < 1 => QBin.Below1,
        < 3 => QBin.From1To3,
        < 10 => QBin.From3To10,
        _ => QBin.From10,
    };

    /// <summary>"0-1", "1-3", "3-10", "10+": lower edges inclusive, as in the paper.</summary>
    public static string Label(this QBin bin) => bin switch
    {
        QBin.Below1 => "0-1",
        QBin.From1To3 => "1-3",
        QBin.From3To10 => "3-10",
        _ => "10+",
    };
}
