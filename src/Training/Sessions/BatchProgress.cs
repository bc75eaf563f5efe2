namespace OrleansSweep.Training.Sessions;

/// <summary>Reported after each training batch; <see cref="Batch"/> is 1-based, out of <see cref="Batches"/>.</summary>
public readonly record struct BatchProgress(int Epoch, int Batch, int Batches);
