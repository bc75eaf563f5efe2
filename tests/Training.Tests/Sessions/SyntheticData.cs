using OrleansSweep.Training.Data;
using static TorchSharp.torch;

namespace OrleansSweep.Training.Tests.Sessions;

/// <summary>
/// A small learnable image task: each class has a fixed random pattern around its own brightness level (so a
/// global-average-pooled net can tell them apart), samples are pattern + noise.
/// Deterministic for a seed, so runs over it can be compared bit for bit.
/// </summary>
internal static class SyntheticData
{
    public static DatasetSplit Create(int train = 512, int validation = 128, int classes = 3,
        int channels = 1, int size = 12, long seed = 7)
    {
        using var generator = new Generator((ulong)seed);
        using var levels = linspace(-1, 1, classes).reshape(classes, 1, 1, 1);
        using var texture = randn([classes, channels, size, size], generator: generator);
        using var patterns = levels + 0.5 * texture;
        return new DatasetSplit(
            Split(patterns, train, classes, generator),
            Split(patterns, validation, classes, generator));
    }

    private static TensorDataset Split(Tensor patterns, int count, int classes, Generator generator)
    {
        using var scope = NewDisposeScope();
        var labels = randint(classes, [count], generator: generator);
        var noise = randn([count, .. patterns.shape[1..]], generator: generator);
        var images = patterns.index_select(0, labels) + 0.8 * noise;
        return new TensorDataset(images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(), classes);
    }
}
