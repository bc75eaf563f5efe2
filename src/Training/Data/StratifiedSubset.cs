namespace OrleansSweep.Training.Data;

/// <summary>
/// Seeded, deterministic stratified sampling: picks <c>n</c> indices so each class keeps its share of the split
/// (largest-remainder rounding, ties to the lower class), then returns them in ascending order.
/// </summary>
internal static class StratifiedSubset
{
    public static long[] Select(ReadOnlySpan<byte> labels, int classes, int n, long seed)
    {
        if (n < 0 || n > labels.Length)
            throw new ArgumentOutOfRangeException(nameof(n), n, $"must be between 0 and {labels.Length}");

        var byClass = new List<int>[classes];
        for (var c = 0; c < classes; c++)
            byClass[c] = [];
        for (var i = 0; i < labels.Length; i++)
            byClass[labels[i]].Add(i);

        var quotas = Quotas(byClass.Select(l => (long)l.Count).ToArray(), labels.Length, n);
        // System.Random with an int seed uses the fixed legacy algorithm: same seed, same picks, on every run.
        var random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        var picked = new List<long>(n);
        for (var c = 0; c < classes; c++)
        {
            var members = byClass[c];
            for (var i = 0; i < quotas[c]; i++)   // partial Fisher-Yates: the first quota slots are a uniform sample
            {
                var j = random.Next(i, members.Count);
                (members[i], members[j]) = (members[j], members[i]);
                picked.Add(members[i]);
            }
        }
        picked.Sort();
        return [.. picked];
    }

    private static int[] Quotas(long[] counts, long total, int n)
    {
        var quotas = new int[counts.Length];
        var remainders = new long[counts.Length];
        for (var c = 0; c < counts.Length; c++)
        {
            quotas[c] = (int)(n * counts[c] / total);
            remainders[c] = n * counts[c] % total;
        }
        var leftover = n - quotas.Sum();
        foreach (var c in Enumerable.Range(0, counts.Length).OrderByDescending(c => remainders[c]).ThenBy(c => c).Take(leftover))
            quotas[c]++;
        return quotas;
    }
}
