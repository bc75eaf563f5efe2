using OrleansSweep.Grains.Sweeps;

namespace OrleansSweep.Client.Results;

/// <summary>How many training samples a trial of a sweep sees: the sweep's subset, else the dataset's full train split.</summary>
public static class TrainingSamples
{
    public const int Classes = 10;

    public static int For(SweepSpec spec, string dataset) => spec.Data.Subset ?? FullTrainSplit(dataset);

    public static int FullTrainSplit(string dataset) => dataset switch
    {
        "mnist" or "fashion-mnist" => 60_000,
        "cifar10" => 50_000,
        _ => throw new ArgumentException($"dataset: unknown dataset '{dataset}'", nameof(dataset)),
    };
}
