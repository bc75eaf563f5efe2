namespace OrleansSweep.Grains.Metrics;

/// <summary>
/// The study's determination ratio Q = training samples × classes ÷ parameters, and its bins
/// (&lt;1, 1–3, 3–10, ≥10) that the final-loss histograms are labelled with.
/// </summary>
public static class DeterminationRatio
{
    private const int Classes = 10;   // MNIST, Fashion-MNIST and CIFAR-10 all have ten

    public static double Of(string dataset, int? subset, long parameters) =>
        parameters <= 0 ? double.NaN : (double)TrainingSamples(dataset, subset) * Classes / parameters;

    public static string Bin(double q) => q switch
    {
        double.NaN => "unknown",
        < 1 => "lt1",
        < 3 => "1to3",
        < 10 => "3to10",
        _ => "ge10",
    };

    /// <summary>The subset when the sweep draws one, else the official training split's size.</summary>
    public static int TrainingSamples(string dataset, int? subset) =>
        subset ?? (dataset.Equals("cifar10", StringComparison.OrdinalIgnoreCase) ? 50_000 : 60_000);
}
