using TorchSharp;

namespace OrleansSweep.Training.Sessions;

/// <summary>
/// Scalars that stay reachable while libtorch reads them. TorchSharp hands a Scalar's raw handle to libtorch and frees
/// it in the Scalar's finalizer, so a temporary one (an implicit conversion such as <c>alpha: size</c>, or the alpha
/// of 1 that <c>a + b</c> and <c>add_(t)</c> create) may be collected and freed while the native call still uses it.
/// Such a read shows as libtorch's "Expected false to be true" from <c>Scalar::toFloat</c>, or as a wrong value.
/// Training code passes these, or a Scalar it holds in a <c>using</c>, instead of temporaries; so do the optimizers'
/// steps (<see cref="Optimizers"/>).
/// </summary>
internal static class KeptScalars
{
    public static readonly Scalar One = 1.ToScalar();
}
