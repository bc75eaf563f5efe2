namespace OrleansSweep.Client.Reports;

/// <summary>
/// One line of the paper's Table 2: a dataset × Q bin with its sequential and parallel trials side by side, and its
/// twin pairs: how many, the mean difference parallel − sequential in validation loss, and its spread over seeds.
/// </summary>
public sealed record SideBySideRow(
    string Dataset, string QBin, ArmSummary Sequential, ArmSummary Parallel,
    int Pairs, double? MeanValLossDifference, SeedSpread Seeds)
{
    /// <summary>Both architectures have trials in the means: the cell can test the paper's claims.</summary>
    public bool HasBothArchitectures => Sequential.Analysed > 0 && Parallel.Analysed > 0;
}
