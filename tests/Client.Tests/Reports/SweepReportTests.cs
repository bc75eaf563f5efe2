using System.Xml.Linq;
using OrleansSweep.Client.Reports;
using OrleansSweep.Client.Results;
using static OrleansSweep.Client.Tests.Results.SweepFixtures;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Client.Tests.Reports;

public sealed class SweepReportTests : IDisposable
{
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly string _dir = Directory.CreateTempSubdirectory("sweep-report-").FullName;

    [Fact]
    public void Writes_report_md_with_every_section_and_each_plot_as_PNG_and_SVG()
    {
        var rows = new List<ResultRow>();
        var epochs = new Dictionary<long, IReadOnlyList<EpochMetrics>>();
        for (var seed = 0; seed < 6; seed++)
        {
            foreach (var (architecture, offset) in new[] { ("sequential", 0.0), ("parallel", -0.02), ("staged:2", -0.01) })
            {
                var index = rows.Count;
                var val = 0.5 + 0.03 * seed + offset;
                rows.Add(Row(index, val - 0.1, val, architecture: architecture, seed: seed, layers: 4,
                    parameters: seed % 2 == 0 ? 300_000 : 30_000));
                epochs[index] = [Epoch(1, val + 0.3, val + 0.2), Epoch(2, val - 0.1, val)];
            }
        }
        rows.Add(WithStatus(Row(rows.Count, 9, 9, seed: 99), TrialStatus.Failed));

        var path = SweepReport.Write(Spec(), rows, epochs, _dir, resamples: 300);

        var text = File.ReadAllText(path);
        Assert.Equal(Path.Combine(_dir, "report.md"), path);
        Assert.Contains("19 trials: 18 completed, 1 failed", text);
        Assert.Contains("excluded from every mean", text);
        Assert.Contains("| mnist | sequential | 1-3 | 4 | 3 |", text); // the failed trial counted, not averaged
        Assert.Contains("| all | 6 | 100.0% |", text);                  // parallel is lower in every pair
        Assert.Contains("## Depth at fixed parameters", text);
        foreach (var plot in new[] { "pairs-val-loss", "learning-curves", "loss-vs-q", "depth" })
        {
            Assert.Contains($"]({plot}.png)", text);
            var png = File.ReadAllBytes(Path.Combine(_dir, plot + ".png"));
            Assert.Equal(PngMagic, png.Take(8));
            Assert.True(png.Length > 10_000, $"{plot}.png has only {png.Length} bytes");
            var svg = XDocument.Load(Path.Combine(_dir, plot + ".svg"));
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            Assert.True(svg.Descendants().Count() > 20, $"{plot}.svg is nearly empty");
        }
    }

    [Fact]
    public void Without_completed_trials_the_report_says_so_and_draws_nothing()
    {
        var rows = new[] { ResultRows.From(Spec(), new TrialSummary(0, Config(0), TrialStatus.Queued, 0, null), null) };

        var text = File.ReadAllText(SweepReport.Write(Spec(), rows, new Dictionary<long, IReadOnlyList<EpochMetrics>>(), _dir));

        Assert.Contains("No twin pairs", text);
        Assert.Contains("| mnist | sequential | n/a | 1 | 0 | – | – | – |", text);
        Assert.Empty(Directory.GetFiles(_dir, "*.png"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
