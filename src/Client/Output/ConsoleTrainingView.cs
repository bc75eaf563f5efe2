using OrleansSweep.Client.Cli;
using OrleansSweep.Training;
using OrleansSweep.Training.Sessions;
using Spectre.Console;
using OrleansSweep.Training.Vocabulary;
using OrleansSweep.Client.Commands;

namespace OrleansSweep.Client.Output;

/// <summary>Human output: a header, a progress bar per epoch on a terminal, a table row per epoch, a verdict.</summary>
public sealed class ConsoleTrainingView(IAnsiConsole console) : ITrainingView
{
    public TrainingOutcome Show(TrainingHeader header, Func<Action<EpochMetrics>, IProgress<BatchProgress>?, TrainingOutcome> train)
    {
        console.MarkupLineInterpolated(
            $"[bold]{header.Dataset}[/]: {header.TrainSamples} train / {header.ValidationSamples} validation samples; {header.Model}; {header.Parameters:N0} parameters on {header.Device}");
        console.MarkupLine($"[bold]{EpochRow.Header}[/]");
        var outcome = console.Profile.Capabilities.Interactive
            ? WithProgressBars(header, train)
            : train(m => console.WriteLine(EpochRow.Of(m)), null);
        console.MarkupLineInterpolated($"[bold]{Names.Of(outcome.Status)}[/] after {outcome.History.Count} of {header.Epochs} epochs");
        return outcome;
    }

    private TrainingOutcome WithProgressBars(TrainingHeader header, Func<Action<EpochMetrics>, IProgress<BatchProgress>?, TrainingOutcome> train) =>
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var bars = new EpochProgressBars(context, header.Epochs);
                return train(m => { bars.Finish(m.Epoch); console.WriteLine(EpochRow.Of(m)); }, bars);
            });
}
