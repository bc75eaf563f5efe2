using System.Text.Json;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Tests.Vocabulary;

public sealed class NamesAndBinsTests
{
    [Fact]
    public void Enum_names_are_lower_case_and_parse_in_any_case()
    {
        Assert.Equal("adamw", Names.Of(Optimizer.AdamW));
        Assert.True(Names.TryParse<Optimizer>(" ADAMW ", out var optimizer));
        Assert.Equal(Optimizer.AdamW, optimizer);
        Assert.False(Names.TryParse<Activation>("gelu", out _));
        Assert.Equal("relu, tanh", Names.Known<Activation>());
    }

    [Fact]
    public void Enums_are_written_as_their_names_in_json()
    {
        var json = JsonSerializer.Serialize(new { Activation.Tanh, Optimizer.Sgd });

        Assert.Equal("{\"Tanh\":\"tanh\",\"Sgd\":\"sgd\"}", json);
        Assert.Equal(Optimizer.Adam, JsonSerializer.Deserialize<Optimizer>("\"Adam\""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Activation>("\"gelu\""));
    }

    [Theory]
    [InlineData(0.0, "0-1")]
    [InlineData(0.999, "0-1")]
    [InlineData(1.0, "1-3")]
    [InlineData(2.999, "1-3")]
    [InlineData(3.0, "3-10")]
    [InlineData(10.0, "10+")]
    [InlineData(1e9, "10+")]
    public void Q_bins_are_the_papers_with_lower_edges_inclusive(double q, string label) =>
        Assert.Equal(label, QBins.Of(q)!.Value.Label());

    [Fact]
    public void Q_is_training_samples_times_classes_over_parameters()
    {
        Assert.Equal(6.0, DeterminationRatio.Of(Dataset.Mnist, subset: 600, parameters: 1_000));
        Assert.Equal(60_000 * 10 / 200_000.0, DeterminationRatio.Of(Dataset.Mnist, subset: null, parameters: 200_000));
        Assert.True(double.IsNaN(DeterminationRatio.Of(Dataset.Cifar10, null, parameters: 0)));
        Assert.Null(QBins.Of(double.NaN));
    }
}
