using OrleansSweep.Grains.Specs;
using OrleansSweep.Training.Vocabulary;
using OrleansSweep.Wire;

namespace OrleansSweep.Grains.Tests.Specs;

public sealed class PresetTests
{
    [Fact]
    public void The_presets_ship_in_the_assembly() =>
        Assert.Equal(["paper", "smoke", "study"], Presets.Names);

    [Fact]
    public void Study_preset_compares_both_architectures_in_three_or_more_Q_bins_with_replicates_on_real_data()
    {
        var result = SpecSource.Load("study", DataFilesCheck.Default);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var spec = result.Spec;
        var trials = new TrialGrid(spec).Take(long.MaxValue).ToList();
        Assert.Equal([Architecture.Sequential, Architecture.Parallel], spec.Factors.Architecture.ToArray());
        Assert.True(spec.Replicates >= 2);
        var bins = trials.Select(t => QBins.Of(DeterminationRatio.Of(t.Dataset, spec.Data.Subset, Parameters(t)))).Distinct().ToList();
        Assert.True(bins.Count >= 3, $"Q bins: {string.Join(", ", bins)}");
        Assert.Contains(QBin.Below1, bins);   // the low-Q nets that can overfit
    }

    private static long Parameters(TrialConfig trial)
    {
        using var model = OrleansSweep.Training.Models.ModelFactory.Create(trial.Training(epochs: 1, threads: 1).Model, seed: 0);
        return OrleansSweep.Training.Models.ModelFactory.CountParameters(model);
    }

    [Fact]
    public void Paper_preset_is_the_6912_trial_reconstruction()
    {
        var result = SpecSource.Load("paper");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var grid = new TrialGrid(result.Spec);
        Assert.Equal(6912, grid.Count);
        Assert.Equal(6912, grid.GridSize);
        var f = result.Spec.Factors;
        Assert.Equal([Dataset.Mnist, Dataset.Cifar10], f.Dataset.ToArray());
        Assert.Equal([Architecture.Sequential, Architecture.Parallel], f.Architecture.ToArray());
        Assert.Equal([2, 4, 8, 16], f.Layers.ToArray());
        Assert.Equal([8, 16, 32, 64], f.Filters.ToArray());
        Assert.Equal([3, 5, 7], f.Kernel.ToArray());
        Assert.Equal([1e-2, 1e-3, 1e-4], f.LearningRate.ToArray());
        Assert.Equal([32, 128, 512], f.BatchSize.ToArray());
        Assert.Equal([Activation.Relu, Activation.Tanh], f.Activation.ToArray());
        Assert.Equal([false, true], f.BatchNorm.ToArray());
        Assert.Equal([Optimizer.Adam], f.Optimizer.ToArray());
        Assert.Equal(1, result.Spec.Replicates);
        Assert.Null(result.Spec.Sample);
    }

    [Fact]
    public void Smoke_preset_is_small_paired_fashion_mnist_with_its_data_present()
    {
        // Real check against the installed Fashion-MNIST (scripts/bootstrap.sh installs it).
        var result = SpecSource.Load("smoke", DataFilesCheck.Default);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var spec = result.Spec;
        Assert.Equal([Dataset.FashionMnist], spec.Factors.Dataset.ToArray());
        Assert.Equal([Architecture.Sequential, Architecture.Parallel], spec.Factors.Architecture.ToArray());
        Assert.InRange(new TrialGrid(spec).Count, 8, 16);
        Assert.InRange(spec.Epochs, 1, 3);
        Assert.InRange(spec.Data.Subset ?? int.MaxValue, 500, 5000);
    }

    [Fact]
    public void Paper_preset_without_its_data_names_each_missing_dataset()
    {
        var emptyFolder = Directory.CreateTempSubdirectory("spec-nodata-").FullName;
        try
        {
            var check = new DataFilesCheck(dataset => Path.Combine(emptyFolder, dataset.Name));
            var result = SweepSpecParser.Parse(Presets.Read("paper")!, check: check);

            Assert.False(result.IsValid);
            Assert.Equal(["factors.dataset[0]", "factors.dataset[1]"], result.Errors.Select(e => e.Path));
            Assert.Contains("train-images-idx3-ubyte(.gz)", result.Errors[0].Reason);
            Assert.Contains("cifar-10-binary.tar.gz", result.Errors[1].Reason);
            Assert.NotNull(result.Errors[0].Line);
        }
        finally
        {
            Directory.Delete(emptyFolder, recursive: true);
        }
    }

    [Fact]
    public void An_unknown_name_that_is_no_file_lists_the_presets()
    {
        var result = SpecSource.Load("no-such-preset");

        var error = Assert.Single(result.Errors);
        Assert.Equal("spec", error.Path);
        Assert.Contains("paper, smoke", error.Reason);
    }

    [Fact]
    public void A_spec_file_resolves_relative_data_folders_against_its_own_folder()
    {
        var folder = Directory.CreateTempSubdirectory("spec-file-").FullName;
        try
        {
            var file = Path.Combine(folder, "my.yaml");
            File.WriteAllText(file, SpecTestData.Minimal + "\ndata:\n  root: datasets\n  dirs:\n    mnist: ../m\n");

            var spec = SpecSource.Load(file).Spec!;

            Assert.Equal(Path.Combine(folder, "datasets"), spec.Data.Root);
            Assert.Equal(Path.Combine(folder, "datasets", "fashion-mnist"), spec.Data.DirectoryFor(Dataset.FashionMnist));
            Assert.Equal(Path.GetFullPath(Path.Combine(folder, "..", "m")), spec.Data.DirectoryFor(Dataset.Mnist));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
