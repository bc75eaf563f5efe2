using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Grains.Metrics;

/// <summary>The label vocabulary: sweep, dataset, architecture, state, device; values lower-case.</summary>
internal static class Tags
{
    public static KeyValuePair<string, object?> Sweep(SweepSamples.Entry e) => new("sweep", e.Status.SweepId);

    public static KeyValuePair<string, object?>[] Arm(Dataset dataset, Architecture architecture) => Arm(dataset.Name, architecture.ToString());

    private static KeyValuePair<string, object?>[] Arm(string dataset, string architecture) =>
        [new("dataset", dataset), new("architecture", architecture)];

    /// <summary>An arm as the coordinator names it: "dataset/architecture".</summary>
    public static KeyValuePair<string, object?>[] Arm(string arm)
    {
        var slash = arm.IndexOf('/');
        return slash < 0 ? Arm(arm, "") : Arm(arm[..slash], arm[(slash + 1)..]);
    }

    /// <summary>Where an epoch trained: one of this silo's devices (cpu, cuda:0 …), so bounded by the host.</summary>
    public static KeyValuePair<string, object?> Device(EpochMetrics epoch) => new("device", epoch.Device ?? "cpu");

    public static KeyValuePair<string, object?> Device(OrleansSweep.Training.TrainingDevice device) => new("device", device.ToString());

    public static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
