namespace OrleansSweep.Client.Reports;

/// <summary>Mean final losses of the analysable trials with L layers arranged in d stages, on one dataset.</summary>
public sealed record DepthCell(string Dataset, int Layers, int Depth, int Trials, double MeanValLoss, double MeanTrainLoss);
