namespace OrleansSweep.Training.Sessions;

/// <summary>Per-sample mean loss and accuracy over one pass of a split.</summary>
internal readonly record struct PassResult(double Loss, double Accuracy, int Samples);
