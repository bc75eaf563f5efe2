using OrleansSweep.Grains.Specs;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Grains.Tests.Specs;

public sealed class SpecValidationTests
{
    [Theory]
    [InlineData("depth", "[2]", "factors.depth", "unknown factor")]
    [InlineData("layers", "[]", "factors.layers", "must not be empty")]
    [InlineData("layers", "", "factors.layers", "must not be empty")]
    [InlineData("layers", "[2, two]", "factors.layers[1]", "must be an integer, got 'two'")]
    [InlineData("layers", "{a: 1}", "factors.layers", "must be a list, got a mapping")]
    [InlineData("filters", "[8, 0]", "factors.filters[1]", "must be positive, got 0")]
    [InlineData("batchSize", "[-32]", "factors.batchSize[0]", "must be positive, got -32")]
    [InlineData("learningRate", "[1e-3, -0.1]", "factors.learningRate[1]", "must be positive")]
    [InlineData("learningRate", "[fast]", "factors.learningRate[0]", "must be a number")]
    [InlineData("kernel", "[3, 4]", "factors.kernel[1]", "must be odd")]
    [InlineData("dataset", "[mnist, imagenet]", "factors.dataset[1]", "unknown dataset 'imagenet' (known: mnist, fashion-mnist, cifar10)")]
    [InlineData("activation", "[relu, gelu]", "factors.activation[1]", "unknown activation 'gelu'")]
    [InlineData("optimizer", "[rmsprop]", "factors.optimizer[0]", "unknown optimizer 'rmsprop'")]
    [InlineData("architecture", "[sequential, deep]", "factors.architecture[1]", "unknown architecture 'deep'")]
    [InlineData("architecture", "[\"staged:0\"]", "factors.architecture[0]", "d in staged:d must be a positive integer")]
    [InlineData("architecture", "[parallel, \"staged:3\"]", "factors.architecture[1]", "staged:3 does not divide layers 2, 4")]
    [InlineData("batchNorm", "[maybe]", "factors.batchNorm[0]", "must be true or false, got 'maybe'")]
    [InlineData("layers", "[2, 4, 2]", "factors.layers[2]", "duplicate value 2 (also at factors.layers[0])")]
    [InlineData("architecture", "[parallel, Parallel]", "factors.architecture[1]", "duplicate value parallel")]
    [InlineData("learningRate", "[0.001, 1e-3]", "factors.learningRate[1]", "duplicate value 0.001")]
    public void A_bad_factor_is_reported_with_its_path(string factor, string value, string path, string reason) =>
        AssertSingleError(Spec($"  {factor}: {value}\n"), path, reason);

    [Theory]
    [InlineData("colour: red", "colour", "unknown key (known: name, seed")]
    [InlineData("replicates: 0", "replicates", "must be positive, got 0")]
    [InlineData("epochs: 2.5", "epochs", "must be an integer, got '2.5'")]
    [InlineData("epochs: [1, 2]", "epochs", "must be an integer, got a list")]
    [InlineData("seed: lucky", "seed", "must be an integer")]
    [InlineData("sample: 17", "sample", "17 exceeds the grid size 16")]
    [InlineData("sample: 0", "sample", "must be positive, got 0")]
    [InlineData("retry: {maxAttempts: 0}", "retry.maxAttempts", "must be positive, got 0")]
    [InlineData("retry: {backoffSeconds: -1}", "retry.backoffSeconds", "must be zero or more")]
    [InlineData("retry: {tries: 3}", "retry.tries", "unknown key")]
    [InlineData("leaseTimeoutSeconds: -5", "leaseTimeoutSeconds", "must be positive, got -5")]
    [InlineData("data: {subset: 0}", "data.subset", "must be positive, got 0")]
    [InlineData("data: {dirs: {imagenet: /data}}", "data.dirs.imagenet", "unknown dataset")]
    [InlineData("data: [mnist]", "data", "must be a mapping, got a list")]
    public void A_bad_setting_is_reported_with_its_path(string line, string path, string reason) =>
        AssertSingleError(Spec("", line), path, reason);

    [Fact]
    public void A_subset_larger_than_the_training_split_is_a_spec_error_naming_the_dataset_and_its_size() =>
        AssertSingleError(Spec("dataset: [fashion-mnist]", "data: {subset: 1000000}"), "data.subset",
            "is more than fashion-mnist's 60000 training images");

    [Fact]
    public void Name_and_dataset_are_required() =>
        Assert.Equal(["name: required", "factors.dataset: required (mnist, fashion-mnist, cifar10)"],
            SweepSpecParser.Parse("factors:\n  layers: [2]\n").Errors.Select(e => $"{e.Path}: {e.Reason}"));

    [Fact]
    public void A_name_that_cannot_be_an_id_is_refused() =>
        AssertSingleError(Spec("", "").Replace("name: tiny", "name: my sweep/1"), "name", "must be 1-64 letters");

    [Fact]
    public void A_key_given_twice_is_an_error()
    {
        var error = Assert.Single(SweepSpecParser.Parse(Spec("", "epochs: 1\nepochs: 2")).Errors);
        Assert.Equal("spec", error.Path);
        Assert.Contains("line 8", error.Reason);
        Assert.Contains("Duplicate key", error.Reason);
    }

    [Fact]
    public void Malformed_yaml_is_one_error_with_its_position()
    {
        var error = Assert.Single(SweepSpecParser.Parse("name: tiny\nfactors: [unclosed\n").Errors);
        Assert.Equal("spec", error.Path);
        Assert.Contains("not valid YAML at line", error.Reason);
    }

    [Fact]
    public void Every_error_is_reported_at_once_with_its_line()
    {
        var errors = SweepSpecParser.Parse(Spec("  layers: [0]\n  activation: [gelu]\n", "epochs: 0")).Errors;

        Assert.Equal(
        [
            "factors.layers[0]: must be positive, got 0 (line 5)",
            "factors.activation[0]: unknown activation 'gelu' (known: relu, tanh) (line 7)",
            "epochs: must be positive, got 0 (line 8)",
        ], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Left_out_settings_take_the_documented_defaults()
    {
        var spec = SpecTestData.Parse("name: d\nfactors:\n  dataset: mnist\n");

        Assert.Equal([Dataset.Mnist], spec.Factors.Dataset.ToArray());
        Assert.Equal(SpecSchema.Architecture, spec.Factors.Architecture.ToArray());
        Assert.Equal(SpecSchema.Layers, spec.Factors.Layers.ToArray());
        Assert.Equal(SpecSchema.LearningRate, spec.Factors.LearningRate.ToArray());
        Assert.Equal(SpecSchema.Epochs, spec.Epochs);
        Assert.Equal(SpecSchema.Seed, spec.Seed);
        Assert.Equal(SpecSchema.MaxAttempts, spec.Retry.MaxAttempts);
        Assert.Equal(SpecSchema.LeaseTimeoutSeconds, spec.LeaseTimeoutSeconds);
        Assert.Null(spec.Sample);
        Assert.Null(spec.Data.DirectoryFor(Dataset.Mnist));
    }

    [Fact]
    public void Names_are_canonicalised_and_on_off_are_flags()
    {
        var spec = SpecTestData.Parse(Spec("  architecture: [Sequential, STAGED:2]\n  batchNorm: [off, on]\n  optimizer: AdamW\n"));

        Assert.Equal([Architecture.Sequential, Architecture.Staged(2)], spec.Factors.Architecture.ToArray());
        Assert.Equal([false, true], spec.Factors.BatchNorm.ToArray());
        Assert.Equal([Optimizer.AdamW], spec.Factors.Optimizer.ToArray());
    }

    /// <summary>The minimal valid spec with extra factor lines (later keys win) and a top-level line.</summary>
    private static string Spec(string factorLines, string topLevelLine = "")
    {
        var factors = new Dictionary<string, string>
        {
            ["dataset"] = "[mnist, fashion-mnist]",
            ["architecture"] = "[sequential, parallel]",
            ["layers"] = "[2, 4]",
            ["filters"] = "[8, 16]",
        };
        foreach (var line in factorLines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            factors[line.Split(':', 2)[0].Trim()] = line.Split(':', 2)[1].Trim();
        return "name: tiny\nfactors:\n"
            + string.Concat(factors.Select(f => $"  {f.Key}: {f.Value}\n"))
            + topLevelLine + "\n";
    }

    private static void AssertSingleError(string yaml, string path, string reason)
    {
        var result = SweepSpecParser.Parse(yaml);
        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(reason, error.Reason);
    }
}
