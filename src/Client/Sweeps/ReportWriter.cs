using OrleansSweep.Client.Reports;
using OrleansSweep.Client.Results;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Client.Sweeps;

/// <summary>Fetches a sweep's results with every trial's epochs and writes its report folder.</summary>
public static class ReportWriter
{
    /// <summary>Where <c>run</c> puts the report of an embedded sweep.</summary>
    public static string DefaultFolder(string stateDir, string sweepId) => Path.Combine(stateDir, "reports", sweepId);

    public static async Task WriteAsync(
        IGrainFactory grains, SweepSpec spec, string outDir, TextWriter log, TextWriter warnings, CancellationToken cancellation = default)
    {
        var results = await SweepResults.FetchAsync(grains, spec, withEpochs: true, cancellation);
        Write(spec, ResultRows.From(spec, results.Trials, results.Epochs), results.Epochs, outDir, log, warnings);
    }

    /// <summary>
    /// Writes the report and names its path on <paramref name="log"/>; a report with nothing to compare is still
    /// written (it says so), with one warning line on <paramref name="warnings"/>, and is not an error.
    /// </summary>
    public static void Write(
        SweepSpec spec, IReadOnlyList<ResultRow> rows, IReadOnlyDictionary<long, IReadOnlyList<EpochMetrics>> epochs,
        string outDir, TextWriter log, TextWriter warnings)
    {
        log.WriteLine($"Report: {SweepReport.Write(spec, rows, epochs, outDir)}");
        if (!SweepReport.HasFindings(rows))
            warnings.WriteLine($"warning: {spec.Name}: no finished trial yet; the report says so");
    }
}
