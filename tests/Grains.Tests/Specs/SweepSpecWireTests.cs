using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Grains.Tests.Specs;

public sealed class SweepSpecWireTests
{
    private static readonly SweepSpec Spec = SpecTestData.Parse(SpecTestData.Minimal + "\ndata:\n  subset: 100\n  dirs:\n    mnist: /m\nsample: 7\n");

    [Fact]
    public void Specs_with_equal_content_are_equal()
    {
        var again = SpecTestData.Parse(SpecTestData.Minimal + "\ndata:\n  subset: 100\n  dirs:\n    mnist: /m\nsample: 7\n");

        Assert.Equal(Spec, again);
        Assert.Equal(Spec.GetHashCode(), again.GetHashCode());
        Assert.NotEqual(Spec, again with { Factors = again.Factors with { Layers = [2, 8] } });
        Assert.NotEqual(Spec, again with { Data = again.Data with { Dirs = again.Data.Dirs.SetItem("mnist", "/n") } });
    }

    [Fact]
    public void Orleans_serializer_round_trips_specs_and_trials()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var trial = new OrleansSweep.Grains.Specs.TrialGrid(Spec).At(3);

        Assert.Equal(Spec, serializer.Deserialize<SweepSpec>(serializer.SerializeToArray(Spec)));
        Assert.Equal(trial, serializer.Deserialize<TrialConfig>(serializer.SerializeToArray(trial)));
    }

    [Fact]
    public void System_text_json_round_trips_a_spec()
    {
        var json = JsonSerializer.Serialize(Spec);

        Assert.Equal(Spec, JsonSerializer.Deserialize<SweepSpec>(json));
    }
}
