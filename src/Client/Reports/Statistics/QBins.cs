namespace OrleansSweep.Client.Reports.Statistics;

/// <summary>
/// The paper's bins of the determination ratio Q = training samples × classes ÷ parameters, labelled
/// <c>0-1</c> (over-parameterised), <c>1-3</c>, <c>3-10</c>, <c>10+</c>: [0, 1), [1, 3), [3, 10), [10, ∞).
/// Every bin label in the report and the exports comes from here.
/// </summary>
public static class QBins
{
    public const string Below1 = "0-1", From1To3 = "1-3", From3To10 = "3-10", From10 = "10+";

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
