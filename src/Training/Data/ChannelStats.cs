namespace OrleansSweep.Training.Data;

/// <summary>Per-channel mean and standard deviation (of pixels scaled to [0, 1]) used to normalise a dataset.</summary>
public sealed record ChannelStats(IReadOnlyList<float> Mean, IReadOnlyList<float> Std);
