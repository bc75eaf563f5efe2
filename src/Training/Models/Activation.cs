namespace OrleansSweep.Training.Models;

/// <summary>The nonlinearity applied at the end of every residual branch.</summary>
public enum Activation
{
    Relu,
    Tanh,
}
