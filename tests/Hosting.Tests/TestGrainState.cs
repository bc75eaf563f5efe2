using System.Diagnostics.CodeAnalysis;
using Orleans;

namespace OrleansSweep.Hosting.Tests;

/// <summary>The state object a grain would hand to storage (Orleans' GrainState&lt;T&gt; types State as nullable).</summary>
public sealed class TestGrainState(SampleTrialState? state = null, string? etag = null) : IGrainState<SampleTrialState>
{
    private SampleTrialState? _state = state ?? new();

    // A storage that stores null here makes the test dereferencing State fail, as it should.
    [AllowNull] public SampleTrialState State { get => _state!; set => _state = value; }
    public string? ETag { get; set; } = etag;
    public bool RecordExists { get; set; }
}
