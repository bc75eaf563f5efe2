namespace OrleansSweep.Training.Data;

/// <summary>The datasets the trainer knows. CLI names: mnist | fashion-mnist | cifar10.</summary>
public enum DatasetKind
{
    Mnist,
    FashionMnist,
    Cifar10,
}
