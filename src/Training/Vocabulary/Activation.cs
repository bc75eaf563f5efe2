using System.Text.Json.Serialization;

namespace OrleansSweep.Training.Vocabulary;

/// <summary>The nonlinearity at the end of every residual branch. Names: relu, tanh.</summary>
[JsonConverter(typeof(NameJsonConverter<Activation>))]
public enum Activation
{
    Relu,
    Tanh,
}
