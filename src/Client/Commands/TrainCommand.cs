using OrleansSweep.Client.Cli;
using OrleansSweep.Client.Output;
using OrleansSweep.Training;
using OrleansSweep.Training.Checkpoints;
using OrleansSweep.Training.Data;
using OrleansSweep.Training.Models;
using OrleansSweep.Training.Sessions;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrleansSweep.Client.Commands;

/// <summary>
/// `orleans-sweep train`: trains one configuration in this process through a <see cref="TrainingSession"/> (the one the
/// trial grain uses), checkpointing after every epoch when given a folder.
/// </summary>
public sealed class TrainCommand : Command<TrainSettings>
{
    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellation)
    {
        var device = SelectDevice(settings.ParsedDevice());
        using var data = ConsoleCancellation.Interruptible(() =>
            DatasetLoader.Load(settings.Dataset, settings.DataDirectory, settings.Subset, settings.Seed));
        var checkpoints = OpenCheckpoints(settings);   // after the data: bad input leaves no new folder behind
        var spec = settings.Training();
        using var session = checkpoints is null
            ? new TrainingSession(spec, data, device)
            : TrainingSession.Open(spec, data, device, checkpoints, warning => Console.Error.WriteLine($"warning: {warning}"));
        if (checkpoints is not null && (settings.Resume || settings.ResumeIfAny))
            Console.Error.WriteLine(session.CompletedEpochs > 0
                ? $"note: resuming after epoch {session.CompletedEpochs} from {checkpoints.Directory}"
                : $"note: {checkpoints.Directory} holds no usable checkpoint; starting fresh");
        ITrainingView view = settings.Json ? new JsonLinesView(Console.Out) : new ConsoleTrainingView(AnsiConsole.Console);
        var header = new TrainingHeader(settings.Dataset.Name, data.Train.Count, data.Validation.Count,
            $"{spec.Model.Architecture} L={spec.Model.Layers} F={spec.Model.Filters} k={spec.Model.Kernel}",
            session.Parameters, Devices.Describe(device, spec.Threads), spec.Epochs);
        var outcome = view.Show(header, (onEpoch, onBatch) => Train(session, onEpoch, onBatch, cancellation));
        return outcome.Status switch
        {
            TrainingStatus.Completed => ExitCodes.Success,
            TrainingStatus.Cancelled => ExitCodes.Cancelled,
            _ => ExitCodes.Failure,
        };
    }

    private static TrainingOutcome Train(TrainingSession session, Action<EpochMetrics> onEpoch, IProgress<BatchProgress>? onBatch,
        CancellationToken cancellation)
    {
        var status = !session.RunToEnd(onEpoch, onBatch, cancellation) ? TrainingStatus.Cancelled
            : session.IsDiverged ? TrainingStatus.Diverged
            : TrainingStatus.Completed;
        return new TrainingOutcome(status, session.History, session.Parameters);
    }

    /// <summary>
    /// The checkpoint folder: with --resume it must hold a checkpoint (--resume-if-any: starts fresh when it holds none);
    /// without either, it must hold none, so a fresh run never prunes someone's checkpoints.
    /// </summary>
    private static CheckpointStore? OpenCheckpoints(TrainSettings settings)
    {
        if (settings.CheckpointDir is not { } directory) return null;
        if (File.Exists(directory)) throw new BadInputException($"--checkpoint-dir: {directory} is a file, not a folder");
        var present = Directory.Exists(directory) && Directory.EnumerateFiles(directory, "epoch-*.ckpt").Any();
        if (settings.Resume && !present)
            throw new BadInputException($"--resume: {directory} holds no checkpoint to resume from (start without --resume, or use --resume-if-any)");
        if (!settings.Resume && !settings.ResumeIfAny && present)
            throw new BadInputException($"--checkpoint-dir: {directory} already holds checkpoints; add --resume to continue from them, or use an empty folder");
        return new CheckpointStore(directory);
    }

    private static TrainingDevice SelectDevice(DeviceChoice choice)
    {
        try
        {
            return Devices.Single(choice);
        }
        catch (MissingDeviceException e)
        {
            throw new BadInputException($"--device: {e.Message}");
        }
    }
}

/// <summary>How a `train` run ended.</summary>
public enum TrainingStatus
{
    Completed,
    Diverged,
    Cancelled,
}

/// <summary>The result of a `train` run: every epoch so far, including ones restored from a checkpoint.</summary>
public sealed record TrainingOutcome(TrainingStatus Status, IReadOnlyList<EpochMetrics> History, long Parameters);
