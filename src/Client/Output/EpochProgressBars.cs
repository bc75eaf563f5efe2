using OrleansSweep.Training;
using OrleansSweep.Training.Sessions;
using Spectre.Console;

namespace OrleansSweep.Client.Output;

/// <summary>One progress bar per epoch, advanced batch by batch.</summary>
public sealed class EpochProgressBars(ProgressContext context, int epochs) : IProgress<BatchProgress>
{
    private readonly Dictionary<int, ProgressTask> bars = [];

    public void Report(BatchProgress value)
    {
        if (!bars.TryGetValue(value.Epoch, out var bar))
        {
            bar = context.AddTask($"epoch {value.Epoch}/{epochs}", maxValue: value.Batches);
            bars[value.Epoch] = bar;
        }
        bar.Value = value.Batch;
    }

    public void Finish(int epoch)
    {
        if (bars.Remove(epoch, out var bar))
            bar.Value = bar.MaxValue;
    }
}
