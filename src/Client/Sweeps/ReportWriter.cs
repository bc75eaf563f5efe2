using OrleansSweep.Client.Reports;
using OrleansSweep.Client.Results;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Client.Sweeps;

/// <summary>
/// Fetches a sweep's results from its coordinator and writes its report folder. Learning curves need per-epoch
/// histories, which only trial grains hold: they are read for an evenly spread sample of at most
/// <see cref="CurveTrialsPerArm"/> analysable trials per arm, so a report of any size activates a bounded number of trials.
/// </summary>
public static class ReportWriter
{
    public const int CurveTrialsPerArm = 50;

    /// <summary>Where <c>run</c> puts the report of an embedded sweep.</summary>
    public static string DefaultFolder(string stateDir, string sweepId) => Path.Combine(stateDir, "reports", sweepId);

    public static async Task WriteAsync(
        IGrainFactory grains, SweepSpec spec, string outDir, TextWriter log, TextWriter warnings, CancellationToken cancellation = default)
    {
        var results = await SweepResults.FetchAsync(grains, spec, withEpochs: false, cancellation);
        var rows = ResultRows.From(spec, results.Trials, null);
        var epochs = await SweepResults.HistoriesAsync(grains, spec.Name, CurveSample(rows), cancellation);
        Write(spec, rows, epochs, outDir, log, warnings);
    }

    /// <summary>Up to <see cref="CurveTrialsPerArm"/> analysable trials of each arm, spread evenly over its trials.</summary>
    public static IEnumerable<long> CurveSample(IReadOnlyList<ResultRow> rows) =>
        rows.Where(r => r.IsAnalysable).GroupBy(r => r.Arm).SelectMany(arm =>
        {
            var trials = arm.Select(r => r.TrialIndex).Order().ToList();
            return trials.Count <= CurveTrialsPerArm ? trials
                : Enumerable.Range(0, CurveTrialsPerArm).Select(k => trials[(int)((long)k * trials.Count / CurveTrialsPerArm)]);
        });

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
