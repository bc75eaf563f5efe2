using OrleansSweep.Grains.Specs;

namespace OrleansSweep.Grains.Tests.Specs;

/// <summary>
/// Text that is not a spec's YAML, or more than a spec may hold: always exactly one error, at the real position,
/// whatever YamlDotNet throws (or would crash with).
/// </summary>
public sealed class SpecYamlTests
{
    [Theory]
    // YamlDotNet throws InvalidOperationException (no position) for a '[' left open before the next key.
    [InlineData("name: tiny\nfactors:\n  dataset: [mnist]\n  layers: [2, 4\nepochs: 2\n",
        "spec: not valid YAML at line 5, column 1: the '[' at line 4, column 11 is not closed")]
    [InlineData("- [a\n- b: c\n", "spec: not valid YAML at line 2, column 1: unexpected text here")]
    // ... and ArgumentException for a key left without its mapping after a document end.
    [InlineData("...\n: \n", "spec: not valid YAML at line 2, column 2: unexpected text here")]
    // A tab used for indentation: YamlDotNet says line 1, column 1.
    [InlineData("name: tiny\nseed: 1\nfactors:\n  dataset: [mnist]\n  layers: [2, 4]\nepochs: 2\nreplicates: 1\nretry:\n\tmaxAttempts: 2\n",
        "spec: not valid YAML at line 9, column 1: While scanning a mapping, found invalid tab as indentation.")]
    [InlineData("name: tiny\nfactors: {dataset: mnist\n", "spec: not valid YAML at line 3, column 1: While parsing a flow mapping, did not find expected ',' or '}'.")]
    public void Malformed_yaml_is_one_error_at_its_real_position(string yaml, string expected) =>
        Assert.Equal(expected, SingleError(yaml));

    [Theory]
    [InlineData("- name: tiny\n- factors: {}\n", "a list")]
    [InlineData("tiny\n", "'tiny'")]
    public void A_top_level_that_is_not_a_mapping_says_so(string yaml, string got) =>
        Assert.Equal($"spec: the top level must be a mapping of keys (name, seed, data, factors, ...), got {got} (line 1)", SingleError(yaml));

    [Fact]
    public void An_alias_bomb_is_one_error_at_its_first_anchor()
    {
        var lines = new List<string> { "name: bomb", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]" };
        for (var c = 'b'; c <= 'i'; c++)
            lines.Add($"{c}: &{c} [{string.Join(", ", Enumerable.Repeat($"*{(char)(c - 1)}", 9))}]");

        Assert.Equal("spec: YAML anchors (&name) are not supported (line 2)", SingleError(string.Join('\n', lines)));
    }

    [Fact]
    public void An_alias_is_one_error_at_its_line() =>
        Assert.Equal("spec: YAML aliases (*name) are not supported (line 3)",
            SingleError("name: tiny\nfactors:\n  dataset: *mnist\n"));

    [Fact]
    public void Deep_nesting_is_refused_instead_of_overflowing_the_stack() =>
        Assert.Equal($"spec: nested deeper than the limit of {SpecLimits.MaxDepth} levels (line 1)",
            SingleError(new string('[', 200_000)));

    [Fact]
    public void A_spec_over_the_size_limit_is_refused_naming_the_limit() =>
        Assert.Equal("spec: 4.8 MB is over the 1 MB limit",
            SingleError("name: big\n# " + new string('x', 5_000_000) + "\n"));

    [Fact]
    public void A_spec_file_over_the_size_limit_is_refused_without_reading_it_whole()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("spec-size-").FullName, "big.yaml");
        File.WriteAllText(file, "name: big\n# " + new string('x', 5_000_000) + "\n");

        var error = Assert.Single(SweepSpecParser.ParseFile(file).Errors);

        Assert.Equal("spec: 4.8 MB is over the 1 MB limit", error.ToString());
    }

    [Fact]
    public void A_list_over_the_value_limit_is_one_error_naming_the_limit()
    {
        var values = string.Join(", ", Enumerable.Range(1, SpecLimits.MaxListValues + 1));

        Assert.Equal("factors.layers: 10,001 values is over the limit of 10,000 per list (line 4)",
            SingleError($"name: big\nfactors:\n  dataset: [mnist]\n  layers: [{values}]\n"));
    }

    [Fact]
    public void A_duplicate_in_a_list_at_the_limit_names_the_first_occurrence()
    {
        var values = string.Join(", ", Enumerable.Range(1, SpecLimits.MaxListValues - 1).Append(7));

        Assert.Equal("factors.layers[9999]: duplicate value 7 (also at factors.layers[6]) (line 4)",
            SingleError($"name: big\nfactors:\n  dataset: [mnist]\n  layers: [{values}]\n"));
    }

    private static string SingleError(string yaml) => Assert.Single(SweepSpecParser.Parse(yaml).Errors).ToString();
}
