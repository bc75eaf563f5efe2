namespace OrleansSweep.Grains.Specs;

/// <summary>
/// A seeded bijection of [0, size) computed per index in O(1) memory: a balanced Feistel network over the
/// smallest power of four ≥ size, with cycle walking (re-applying until the value falls back into range, fewer
/// than four steps on average). Used to sample the grid without materialising it.
/// </summary>
internal sealed class IndexPermutation
{
    private const int Rounds = 6;
    private readonly long size;
    private readonly int halfBits;
    private readonly ulong halfMask;
    private readonly ulong[] roundKeys = new ulong[Rounds];

    public IndexPermutation(long size, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        this.size = size;
        var bits = 2;
        while (bits < 64 && 1UL << bits < (ulong)size)
            bits += 2;
        halfBits = bits / 2;
        halfMask = (1UL << halfBits) - 1;
        var state = (ulong)seed ^ 0x5EED_5A3F_1E57_0000UL;
        for (var r = 0; r < Rounds; r++)
            roundKeys[r] = SplitMix64(ref state);
    }

    /// <summary>The position that <paramref name="index"/> maps to.</summary>
    public long Apply(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var x = (ulong)index;
        do x = Encrypt(x); while (x >= (ulong)size);
        return (long)x;
    }

    private ulong Encrypt(ulong x)
    {
        ulong left = x >> halfBits, right = x & halfMask;
        for (var r = 0; r < Rounds; r++)
            (left, right) = (right, left ^ Round(r, right));
        return left << halfBits | right;
    }

    private ulong Round(int round, ulong half)
    {
        var state = roundKeys[round] ^ half;
        return SplitMix64(ref state) & halfMask;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E37_79B9_7F4A_7C15UL;
        z = (z ^ z >> 30) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ z >> 27) * 0x94D0_49BB_1331_11EBUL;
        return z ^ z >> 31;
    }
}
