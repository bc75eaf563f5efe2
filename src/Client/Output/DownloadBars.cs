using OrleansSweep.Training.Data;
using Spectre.Console;

namespace OrleansSweep.Client.Output;

/// <summary>One progress bar per downloaded file, in bytes.</summary>
public sealed class DownloadBars(ProgressContext context) : IProgress<FetchProgress>
{
    private readonly Dictionary<string, ProgressTask> bars = [];

    public void Report(FetchProgress value)
    {
        if (!bars.TryGetValue(value.File, out var bar))
        {
            bar = context.AddTask(value.File, maxValue: value.Total ?? 1);
            bar.IsIndeterminate = value.Total is null;
            bars[value.File] = bar;
        }
        bar.Value = value.Total is null ? 0 : value.Bytes;
    }
}
