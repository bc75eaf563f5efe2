namespace OrleansSweep.Client.Reports.Statistics;

/// <summary>
/// The paper's bins of the determination ratio Q = training samples × classes ÷ parameters:
/// Q &lt; 1 (over-parameterised), 1 ≤ Q &lt; 3, 3 ≤ Q &lt; 10, Q ≥ 10. Lower edges are inclusive.
/// </summary>
public static class QBins
{
    public const string Below1 = "<1", From1To3 = "1-3", From3To10 = "3-10", From10 = ">=10";

    /// <summary>The bins in ascending order of Q.</summary>
    public static IReadOnlyList<string> All { get; } = [Below1, From1To3, From3To10, From10];

    public static double Q(long trainingSamples, int classes, long parameters) =>
        parameters > 0 ? (double)trainingSamples * classes / parameters
        : throw new ArgumentOutOfRangeException(nameof(parameters), parameters, "parameters must be positive");

    public static string Of(double q) => q switch
    {
        < 1 => Below1,
        < 3 => From1To3,
        < 10 => From3To10,
        _ => From10,
    };
}
