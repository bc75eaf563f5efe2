namespace OrleansSweep.Training.Tests.Sessions;

/// <summary>
/// TorchSharp-heavy tests run one at a time: two cores are all CI has, and bit-identity checks should not
/// share the intra-op thread pool with other training.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "Torch";
}
