using OrleansSweep.Grains.Sweeps;

namespace OrleansSweep.Grains.Specs;

/// <summary>A check of a parsed spec against the outside world (e.g. data files), pluggable so unit tests and
/// <c>plan</c> can skip it or report it differently.</summary>
public interface ISweepSpecCheck
{
    IEnumerable<(string Path, string Reason)> Check(SweepSpec spec);
}
