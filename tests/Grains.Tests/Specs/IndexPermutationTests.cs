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
    public void It_is_a_bijection_of_the_range_and_inverts(long size)
    {
        var permutation = new IndexPermutation(size, seed: 42);

        var images = new HashSet<long>();
        for (long i = 0; i < size; i++)
        {
            var image = permutation.Apply(i);
            Assert.InRange(image, 0, size - 1);
            Assert.True(images.Add(image));
            Assert.Equal(i, permutation.Invert(image));
        }
    }

    [Fact]
    public void It_inverts_on_a_range_near_the_top_of_long()
    {
        var size = long.MaxValue - 5;
        var permutation = new IndexPermutation(size, seed: 1);

        for (long i = size - 50; i < size; i++)
            Assert.Equal(i, permutation.Invert(permutation.Apply(i)));
    }

    [Fact]
    public void Different_seeds_give_different_orders()
    {
        var a = new IndexPermutation(1000, seed: 1);
        var b = new IndexPermutation(1000, seed: 2);

        Assert.True(Enumerable.Range(0, 100).Count(i => a.Apply(i) != b.Apply(i)) > 90);
    }
}
