using System.Text.RegularExpressions;
using OrleansSweep.Grains.Specs;

namespace OrleansSweep.Grains.Tests.Specs;

public sealed class DocsExampleTests
{
    [Fact]
    public void The_example_in_docs_sweep_spec_md_is_valid_and_counts_as_documented()
    {
        var docs = File.ReadAllText(RepoPaths.Docs("sweep-spec.md"));
        var example = Regex.Match(docs, "```yaml\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;

        var spec = SpecTestData.Parse(example);
        var grid = new TrialGrid(spec);

        Assert.Equal(864, grid.GridSize);
        Assert.Equal(198, grid.Count);
        Assert.Equal(["sequential", "parallel", "staged:2"], grid.Take(3).Select(t => t.Architecture.ToString()));
    }
}
