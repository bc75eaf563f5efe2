using System.Text.Json.Serialization;

namespace OrleansSweep.Training.Vocabulary;

/// <summary>The optimizer a trial trains with. Names: adam, adamw, sgd (SGD with momentum 0.9).</summary>
[JsonConverter(typeof(NameJsonConverter<Optimizer>))]
public enum Optimizer
{
    Adam,
    AdamW,
    Sgd,
}
