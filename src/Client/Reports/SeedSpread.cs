namespace OrleansSweep.Client.Reports;

/// <summary>
/// How much a cell's paired difference moves from seed to seed: each replicate trains every configuration from a
/// fresh seed, so the standard deviation (n − 1) of the per-replicate mean differences is the spread over seeds.
/// Null with fewer than two replicates that have pairs in the cell.
/// </summary>
public sealed record SeedSpread(int Replicates, double? StandardDeviation)
{
    public static SeedSpread Of(IReadOnlyList<TwinPair> pairs)
    {
        var means = pairs.GroupBy(p => p.Sequential.Replicate).Select(g => g.Average(p => p.ValLossDifference)).ToList();
        if (means.Count < 2) return new SeedSpread(means.Count, null);
        var mean = means.Average();
        return new SeedSpread(means.Count, Math.Sqrt(means.Sum(m => (m - mean) * (m - mean)) / (means.Count - 1)));
    }
}
