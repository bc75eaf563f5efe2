using OrleansSweep.Training.Data;
using OrleansSweep.Training.Tests.Data.Fixtures;
using static OrleansSweep.Training.Tests.Data.Fixtures.TensorValues;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Tests.Data;

public sealed class SubsetTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // Class c has 10 * (c + 1) training samples: 550 in all, deliberately unbalanced.
    private static byte ImbalancedLabel(int i)
    {
        var c = 0;
        while (i >= 10 * (c + 1))
            i -= 10 * (c++ + 1);
        return (byte)c;
    }

    private static int[] ClassCounts(long[] labels) =>
        [.. Enumerable.Range(0, 10).Select(c => labels.Count(l => l == c))];

    [Fact]
    public void Keeps_class_proportions_in_both_splits()
    {
        SyntheticMnist.Write(_dir.Path, train: 550, test: 100, trainLabel: ImbalancedLabel);

        using var data = DatasetLoader.Load(Dataset.Mnist, _dir.Path, subset: 111, subsetSeed: 7);

        // exact shares 2.018 * (c + 1): floors sum to 110, the one left over goes to the largest remainder (class 9)
        Assert.Equal([2, 4, 6, 8, 10, 12, 14, 16, 18, 21], ClassCounts(Longs(data.Train.Labels)));
        // ceil(111 * 100 / 550) = 21 of a balanced split: 2 each, the leftover to class 0 (ties go to the lower class)
        Assert.Equal([3, 2, 2, 2, 2, 2, 2, 2, 2, 2], ClassCounts(Longs(data.Validation.Labels)));
    }

    [Fact]
    public void Same_seed_same_samples_other_seed_other_samples()
    {
        SyntheticMnist.Write(_dir.Path, train: 550, test: 100, trainLabel: ImbalancedLabel);

        using var a = DatasetLoader.Load(Dataset.Mnist, _dir.Path, subset: 55, subsetSeed: 1);
        using var b = DatasetLoader.Load(Dataset.Mnist, _dir.Path, subset: 55, subsetSeed: 1);
        using var c = DatasetLoader.Load(Dataset.Mnist, _dir.Path, subset: 55, subsetSeed: 2);

        Assert.Equal(Floats(a.Train.Images), Floats(b.Train.Images));
        Assert.Equal(Floats(a.Validation.Images), Floats(b.Validation.Images));
        Assert.NotEqual(Floats(a.Train.Images), Floats(c.Train.Images));
        Assert.Equal(ClassCounts(Longs(a.Train.Labels)), ClassCounts(Longs(c.Train.Labels)));
    }

    [Fact]
    public void Subset_samples_are_real_rows_of_the_split_with_their_own_labels()
    {
        var written = SyntheticMnist.Write(_dir.Path, train: 550, test: 100, trainLabel: ImbalancedLabel);
        using var full = DatasetLoader.Load(Dataset.Mnist, _dir.Path);
        using var part = DatasetLoader.Load(Dataset.Mnist, _dir.Path, subset: 30, subsetSeed: 3);

        var rows = RawPixels(full.Train).Chunk(30).Select(r => string.Join(",", r.Select(v => Math.Round(v)))).ToList();
        var labels = Longs(part.Train.Labels);
        var picked = RawPixels(part.Train).Chunk(30).Select(r => string.Join(",", r.Select(v => Math.Round(v)))).ToList();
        for (var i = 0; i < picked.Count; i++)
            Assert.Equal(written.Train.Labels[rows.IndexOf(picked[i])], labels[i]);
        Assert.Equal(full.Train.Normalization!.Mean, part.Train.Normalization!.Mean);   // statistics of the full split
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(61)]
    public void Rejects_a_subset_size_outside_the_training_split(int n)
    {
        SyntheticMnist.Write(_dir.Path, train: 60);

        var e = Assert.Throws<ArgumentException>(() => DatasetLoader.Load(Dataset.Mnist, _dir.Path, subset: n));
        Assert.Equal("subset", e.ParamName);
        Assert.StartsWith($"subset must be between 1 and 60 (the mnist training split's size), got {n}", e.Message);
    }

    [Fact]
    public void Largest_remainders_get_the_leftover_samples()
    {
        byte[] labels = [.. Enumerable.Repeat((byte)0, 5), .. Enumerable.Repeat((byte)1, 3), .. Enumerable.Repeat((byte)2, 2)];

        var picked = StratifiedSubset.Select(labels, 3, 4, seed: 9);

        // exact shares 2.0, 1.2, 0.8 -> 2, 1, 1
        Assert.Equal([2, 1, 1], Enumerable.Range(0, 3).Select(c => picked.Count(i => labels[i] == c)));
        Assert.Equal(picked.Order(), picked);
        Assert.Equal(picked.Length, picked.Distinct().Count());
    }
}
