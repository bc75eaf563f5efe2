using OrleansSweep.Client.Reports;
using OrleansSweep.Client.Results;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Client.Sweeps;

/// <summary>Fetches a sweep's results with every trial's epochs and writes its report folder.</summary>
public static class ReportWriter
{
    /// <summary>Where <c>run</c> puts the report of an embedded sweep.</summary>
    public static string DefaultFolder(string stateDir, string sweepId) => Path.Combine(stateDir, "reports", sweepId);

    public static async Task WriteAsync(IGrainFactory grains, SweepSpec spec, string outDir, TextWriter log, CancellationToken cancellation = default)
    {
        var results = await SweepResults.FetchAsync(grains, spec, withEpochs: true, cancellation);
        var rows = ResultRows.From(spec, results.Trials, results.Epochs);
        log.WriteLine($"Report: {SweepReport.Write(spec, rows, results.Epochs, outDir)}");
    }
}
