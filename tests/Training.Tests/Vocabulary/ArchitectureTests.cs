using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Tests.Vocabulary;

public sealed class ArchitectureTests
{
    [Theory]
    [InlineData("sequential", ArchitectureKind.Sequential, 0, 8)]
    [InlineData("parallel", ArchitectureKind.Parallel, 0, 1)]
    [InlineData("staged:4", ArchitectureKind.Staged, 4, 4)]
    [InlineData(" Staged:2 ", ArchitectureKind.Staged, 2, 2)]
    public void Parse_ReadsEachFormAndCountsStages(string text, ArchitectureKind kind, int stages, int stagesFor8)
    {
        var architecture = Architecture.Parse(text);

        Assert.Equal(kind, architecture.Kind);
        Assert.Equal(stages, architecture.Stages);
        Assert.Equal(stagesFor8, architecture.StagesFor(8));
        Assert.Equal(architecture, Architecture.Parse(architecture.ToString()));
    }

    [Theory]
    [InlineData("deep")]
    [InlineData("staged:0")]
    [InlineData("staged:-2")]
    [InlineData("staged:")]
    [InlineData("staged:x")]
    public void Parse_RejectsOtherTextNamingTheField(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => Architecture.Parse(text));

        Assert.StartsWith("architecture: ", error.Message);
        Assert.Contains(text, error.Message);
    }

    [Theory]
    [InlineData("staged:4", 8, null)]
    [InlineData("staged:3", 8, "staged:3 does not divide layers=8 (d stages need L/d branches each)")]
    [InlineData("sequential", 7, null)]
    [InlineData("parallel", 7, null)]
    public void CannotArrange_NamesWhyAStagedWiringDoesNotFit(string text, int layers, string? reason) =>
        Assert.Equal(reason, Architecture.Parse(text).CannotArrange(layers));

    [Fact]
    public void Json_IsTheName()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new[] { Architecture.Sequential, Architecture.Staged(3) });

        Assert.Equal("[\"sequential\",\"staged:3\"]", json);
        Assert.Equal([Architecture.Sequential, Architecture.Staged(3)], System.Text.Json.JsonSerializer.Deserialize<Architecture[]>(json)!);
    }
}
