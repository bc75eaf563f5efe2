using OrleansSweep.Client.Reports;
using OrleansSweep.Client.Results;
using static OrleansSweep.Client.Tests.Results.SweepFixtures;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Client.Tests.Reports;

public sealed class SummaryTableTests
{
    [Fact]
    public void Table_matches_the_means_computed_by_hand()
    {
        // Q = 60,000 × 10 ÷ parameters on mnist (300k → 2, 30k → 20), 50,000 × 10 ÷ 1M = 0.5 on cifar10.
        var rows = new[]
        {
            Row(0, 0.2, 0.4), Row(1, 0.4, 0.5, seed: 2),
            WithStatus(Row(2, 0.9, 0.9, seed: 3), TrialStatus.Diverged),  // counted, not averaged
            Row(3, 0.1, 0.3, parameters: 30_000, seed: 4),
            Row(10, 0.3, 0.35, architecture: "parallel"), Row(11, 0.5, 0.45, architecture: "parallel", seed: 2),
            Row(20, 1.0, 1.5, parameters: 1_000_000, dataset: "cifar10"),
            ResultRows.From(Spec(), new TrialSummary(30, Config(30), TrialStatus.Queued, 0, null), null),
        };

        var table = SummaryTable.Build(rows).Select(Rounded).ToList();

        Assert.Equal(
        [
            new SummaryCell("cifar10", "sequential", "<1", 1, 1, 1.0, 1.5, 0.5),
            new SummaryCell("mnist", "sequential", "1-3", 3, 2, 0.3, 0.45, 0.15),   // (0.2+0.4)/2, (0.4+0.5)/2
            new SummaryCell("mnist", "sequential", ">=10", 1, 1, 0.1, 0.3, 0.2),
            new SummaryCell("mnist", "sequential", "n/a", 1, 0, null, null, null),
            new SummaryCell("mnist", "parallel", "1-3", 2, 2, 0.4, 0.4, 0.0),       // gaps +0.05 and −0.05
        ], table);
    }

    private static SummaryCell Rounded(SummaryCell c) => c with
    {
        MeanTrainLoss = Round(c.MeanTrainLoss), MeanValLoss = Round(c.MeanValLoss), MeanGap = Round(c.MeanGap),
    };

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 12) : null;
}
