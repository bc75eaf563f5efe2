namespace OrleansSweep.Client.Output;

/// <summary>What a training view states before the first epoch.</summary>
public sealed record TrainingHeader(
    string Dataset, int TrainSamples, int ValidationSamples, string Model, long Parameters, string Device, int Epochs);
