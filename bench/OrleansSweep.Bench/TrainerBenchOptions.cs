using System.Globalization;

namespace OrleansSweep.Bench;

/// <summary>
/// Options of the trainer benchmark. Defaults measure the configuration on the full Fashion-MNIST
/// (6 alternated trainer/bare pairs of 40 batches; one full trainer epoch; a 3-epoch `train` child process for
/// memory); --subset, --pairs, --pair-batches and --memory-epochs shorten it.
/// </summary>
public sealed record TrainerBenchOptions(
    string DataDir, int? Subset, int Layers, int Filters, int Kernel, int Batch, int PairBatches, int Pairs,
    int MemoryEpochs, int Threads)
{
    public static TrainerBenchOptions Parse(string[] args)
    {
        var options = new TrainerBenchOptions("/usr/share/datasets/fashion-mnist", null, 4, 32, 3, 128, 40, 6, 3,
            Environment.ProcessorCount);
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]}: needs a value");
            options = args[i] switch
            {
                "--data-dir" => options with { DataDir = value },
                "--subset" => options with { Subset = Positive(args[i], value) },
                "--layers" => options with { Layers = Positive(args[i], value) },
                "--filters" => options with { Filters = Positive(args[i], value) },
                "--kernel" => options with { Kernel = Positive(args[i], value) },
                "--batch" => options with { Batch = Positive(args[i], value) },
                "--pair-batches" => options with { PairBatches = Positive(args[i], value) },
                "--pairs" => options with { Pairs = Positive(args[i], value) },
                "--memory-epochs" => options with { MemoryEpochs = int.Parse(value, CultureInfo.InvariantCulture) },
                "--threads" => options with { Threads = Positive(args[i], value) },
                _ => throw new ArgumentException($"{args[i]}: unknown option"),
            };
        }
        return options;
    }

    private static int Positive(string option, string value) =>
        int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{option}: '{value}' is not a positive integer");
}
