using OrleansSweep.Client.Results;
using OrleansSweep.Client.Sweeps;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using static OrleansSweep.Client.Tests.Results.SweepFixtures;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Client.Tests.Reports;

public sealed class ReportWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("report-writer-").FullName;
    private readonly StringWriter _log = new(), _warnings = new();

    [Fact]
    public void A_report_with_nothing_to_compare_is_written_with_one_warning_line()
    {
        var queued = ResultRows.From(Spec(), new TrialSummary(0, Config(0), TrialStatus.Queued, 0, null), null);

        ReportWriter.Write(Spec(), [queued], new Dictionary<long, IReadOnlyList<EpochMetrics>>(), _dir, _log, _warnings);

        Assert.Equal($"Report: {Path.Combine(_dir, "report.md")}\n", _log.ToString().ReplaceLineEndings("\n"));
        Assert.Equal("warning: fixture: no finished trial yet; the report says so\n", _warnings.ToString().ReplaceLineEndings("\n"));
        Assert.True(File.Exists(Path.Combine(_dir, "report.md")));
    }

    [Fact]
    public void A_report_with_a_finished_trial_has_no_warning()
    {
        ReportWriter.Write(Spec(), [Row(0, 0.2, 0.3)], new Dictionary<long, IReadOnlyList<EpochMetrics>>(), _dir, _log, _warnings);

        Assert.Empty(_warnings.ToString());
        Assert.StartsWith("Report: ", _log.ToString());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
