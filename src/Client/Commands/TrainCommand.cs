using OrleansSweep.Client.Cli;
using OrleansSweep.Client.Output;
using OrleansSweep.Training;
using OrleansSweep.Training.Sessions;
using OrleansSweep.Training.Checkpoints;
using OrleansSweep.Training.Data;
using OrleansSweep.Training.Models;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrleansSweep.Client.Commands;

/// <summary>`orleans-sweep train`: trains one configuration in this process, checkpointing after every epoch.</summary>
public sealed class TrainCommand : Command<TrainSettings>
{
    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellation)
    {
        var device = SelectDevice(settings.Device);
        using var data = ConsoleCancellation.Interruptible(() => Load(settings));
        var checkpoints = OpenCheckpoints(settings);   // after the data: bad input leaves no new folder behind
        var spec = settings.Training();
        ITrainingView view = settings.Json ? new JsonLinesView(Console.Out) : new ConsoleTrainingView(AnsiConsole.Console);
        var header = new TrainingHeader(settings.Dataset.Name, data.Train.Count, data.Validation.Count,
            $"{spec.Model.Architecture} L={spec.Model.Layers} F={spec.Model.Filters} k={spec.Model.Kernel}",
            CountParameters(spec.Model), Devices.Describe(device, spec.Threads), spec.Epochs);
        var outcome = view.Show(header, (onEpoch, onBatch) =>
            Trainer.Run(spec, data, checkpoints, settings.Resume, onEpoch, onBatch, cancellation, device,
                warning => Console.Error.WriteLine($"warning: {warning}")));
        return outcome.Status switch
        {
            TrainingStatus.Completed => ExitCodes.Success,
            TrainingStatus.Cancelled => ExitCodes.Cancelled,
            _ => ExitCodes.Failure,
        };
    }

    private static CheckpointStore? OpenCheckpoints(TrainSettings settings)
    {
        if (settings.CheckpointDir is not { } directory) return null;
        var store = new CheckpointStore(directory);
        if (settings.Resume)
        {
            Console.Error.WriteLine(store.Files.Count == 0
                ? $"note: {store.Directory} holds no checkpoint; starting fresh"
                : $"note: resuming from the newest valid checkpoint in {store.Directory}");
        }
        return store;
    }

    private static TorchSharp.torch.Device SelectDevice(string preference)
    {
        try
        {
            return Devices.Select(preference);
        }
        catch (InvalidOperationException e)
        {
            throw new BadInputException($"--device: {e.Message.Replace("device: ", "", StringComparison.Ordinal)}");
        }
    }

    // A throwaway model on the CPU: cheap, and the only exact count (the run seeds its own model again).
    private static long CountParameters(ModelSpec model)
    {
        using var net = ModelFactory.Create(model, seed: 0);
        return ModelFactory.CountParameters(net);
    }

    private static DatasetSplit Load(TrainSettings settings)
    {
        try
        {
            return DatasetLoader.Load(settings.Dataset, settings.DataDirectory, settings.Subset, settings.Seed);
        }
        catch (ArgumentException e) when (e.ParamName == "subset")
        {
            throw new BadInputException($"--subset: {e.Message.Replace(" (Parameter 'subset')", "", StringComparison.Ordinal)}");
        }
    }
}
