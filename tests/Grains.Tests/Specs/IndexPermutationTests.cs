using OrleansSweep.Grains.Specs;

namespace OrleansSweep.Grains.Tests.Specs;

public sealed class IndexPermutationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(1000)]
    [InlineData(4097)]
    public void It_is_a_bijection_of_the_range(long size)
    {
        var permutation = new IndexPermutation(size, seed: 42);

        var images = new HashSet<long>();
        for (long i = 0; i < size; i++)
        {
            var image = permutation.Apply(i);
            Assert.InRange(image, 0, size - 1);
            Assert.True(images.Add(image));
        }
    }

    [Fact]
    public void It_stays_in_range_and_distinct_near_the_top_of_long()
    {
        var size = long.MaxValue - 5;
        var permutation = new IndexPermutation(size, seed: 1);

        var images = Enumerable.Range(0, 50).Select(k => permutation.Apply(size - 1 - k)).ToList();
        Assert.All(images, image => Assert.InRange(image, 0, size - 1));
        Assert.Equal(50, images.Distinct().Count());
    }

    [Fact]
    public void Different_seeds_give_different_orders()
    {
        var a = new IndexPermutation(1000, seed: 1);
        var b = new IndexPermutation(1000, seed: 2);

        Assert.True(Enumerable.Range(0, 100).Count(i => a.Apply(i) != b.Apply(i)) > 90);
    }
}
