namespace OrleansSweep.Training.Sessions;

/// <summary>The optimizer a trial trains with; SGD uses momentum 0.9.</summary>
public enum OptimizerKind
{
    Adam,
    AdamW,
    Sgd,
}
