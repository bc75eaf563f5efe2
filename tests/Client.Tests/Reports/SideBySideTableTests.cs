using OrleansSweep.Client.Reports;
using OrleansSweep.Client.Reports.Markdown;
using OrleansSweep.Client.Results;
using static OrleansSweep.Client.Tests.Results.SweepFixtures;

namespace OrleansSweep.Client.Tests.Reports;

public sealed class SideBySideTableTests
{
    /// <summary>The side-by-side table of <see cref="KnownEffectsSweep"/>, as worked out by hand from its effects.</summary>
    public static readonly string[][] ExpectedCells =
    [
        ["cifar10", "0-1", "4/4", "4/4", "4/4", "4/4", "0.8000", "0.9000", "1.5000", "1.4000", "0.7000", "0.5000", "4", "-0.1000", "0.0000"],
        ["cifar10", "3-10", "4/4", "4/4", "4/4", "4/4", "1.0000", "0.9500†", "1.3000", "1.2000", "0.3000", "0.2500†", "4", "-0.1000", "0.0707"],
        ["mnist", "1-3", "4/5", "4/4", "3/4 (1 unknown)", "4/4", "0.1000", "0.2000", "0.5000", "0.4500", "0.4000", "0.2500", "4", "-0.0500", "0.0141"],
        ["mnist", "10+", "4/4", "4/4", "4/4", "0/4", "0.3000", "0.2500", "0.4000", "0.4200", "0.1000", "0.1700", "4", "0.0200", "0.0283"],
        ["mnist", "n/a", "0/1", "0/0", "0/0", "0/0", "–", "–", "–", "–", "–", "–", "0", "–", "–"],
    ];

    public static readonly string[] ExpectedClaimLines =
    [
        "Sequential has the lower training loss in 2 of 4 cells (27 of 32 trials converged, 1 unknown; running-mean training loss in 1 cell).",
        "Parallel has the smaller gap in 3 of 4 cells (27 of 32 trials converged, 1 unknown; running-mean training loss in 1 cell).",
        "Parallel has the lower validation loss in 3 of 4 cells (27 of 32 trials converged, 1 unknown).",
    ];

    [Fact]
    public void Known_effects_give_the_hand_computed_cells()
    {
        var table = SideBySideTable.Build(KnownEffectsSweep.Rows());

        Assert.Equal(ExpectedCells.Length, table.Count);
        foreach (var (expected, row) in ExpectedCells.Zip(table))
            Assert.Equal(expected, SideBySideSection.Cells(row));
    }

    [Fact]
    public void Means_use_the_evaluated_training_loss_and_count_the_fallbacks()
    {
        var cell = SideBySideTable.Build(KnownEffectsSweep.Rows()).Single(r => r is { Dataset: "cifar10", QBin: "3-10" });

        // Evaluated 0.96 and 0.94 in replicate 0, 0.96 in replicate 1, and the fallback's running mean 0.94.
        Assert.Equal(0.95, cell.Parallel.MeanTrainLoss!.Value, 12);
        Assert.Equal(1.00, cell.Sequential.MeanTrainLoss!.Value, 12);   // not the running mean, 1.30
        Assert.Equal((0, 1), (cell.Sequential.RunningMeanTrainLoss, cell.Parallel.RunningMeanTrainLoss));
        Assert.Equal(1.20 - 0.95, cell.Parallel.MeanGap!.Value, 12);
    }

    [Fact]
    public void Every_replicate_pair_is_used_and_the_spread_is_that_of_the_per_replicate_means()
    {
        var table = SideBySideTable.Build(KnownEffectsSweep.Rows());

        Assert.Equal([4, 4, 4, 4, 0], table.Select(r => r.Pairs));
        Assert.Equal([2, 2, 2, 2, 0], table.Select(r => r.Seeds.Replicates));
        // Per-replicate mean differences Δ + e and Δ − e: sd (n − 1) = e√2.
        var mnist = table.Single(r => r is { Dataset: "mnist", QBin: "10+" });
        Assert.Equal(0.02 * Math.Sqrt(2), mnist.Seeds.StandardDeviation!.Value, 12);
        Assert.Equal(0.02, mnist.MeanValLossDifference!.Value, 12);
    }

    [Fact]
    public void One_replicate_has_no_spread_over_seeds()
    {
        var rows = KnownEffectsSweep.Rows().Where(r => r.Replicate == 0).ToList();

        Assert.All(SideBySideTable.Build(rows), r => Assert.Null(r.Seeds.StandardDeviation));
    }

    [Fact]
    public void Claim_lines_count_the_cells_where_each_claim_holds()
    {
        var tally = ClaimTally.Of(SideBySideTable.Build(KnownEffectsSweep.Rows()));

        Assert.Equal(new ClaimTally(Cells: 4, SequentialLowerTrainLoss: 2, ParallelSmallerGap: 3, ParallelLowerValLoss: 3,
            Trials: 32, Converged: 27, ConvergenceUnknown: 1, CellsWithRunningMeanTrainLoss: 1), tally);
        Assert.Equal(ExpectedClaimLines, ClaimLines.Of(tally));
    }

    [Fact]
    public void Claims_flip_when_the_architectures_swap_their_losses()
    {
        // Parallel's figures given to sequential and back: every claim now holds where it failed, and back.
        var swapped = KnownEffectsSweep.Rows()
            .Select(r => r.Architecture switch
            {
                "sequential" => r with { Architecture = "parallel" },
                "parallel" => r with { Architecture = "sequential" },
                _ => r,
            })
            .ToList();

        var tally = ClaimTally.Of(SideBySideTable.Build(swapped));

        Assert.Equal((4, 2, 1, 1), (tally.Cells, tally.SequentialLowerTrainLoss, tally.ParallelSmallerGap, tally.ParallelLowerValLoss));
    }

    [Fact]
    public void Cells_need_analysed_trials_of_both_architectures()
    {
        var onlySequential = KnownEffectsSweep.Rows().Where(r => r.Architecture == "sequential").ToList();

        var tally = ClaimTally.Of(SideBySideTable.Build(onlySequential));

        Assert.Equal(0, tally.Cells);
        Assert.Equal([ClaimLines.NoCells], ClaimLines.Of(tally));
    }

    [Theory]
    [InlineData("all", "Training loss: each trial's loss on the training set in evaluation mode after its last epoch.")]
    [InlineData("none", "Training loss: no trial has its evaluated training loss, so every training loss and gap (all marked †) is the running mean")]
    [InlineData("one", "where it has one; 1 of 4 analysed trials lack it and use the running mean")]
    public void The_section_says_which_training_loss_it_used(string evaluated, string expected)
    {
        IReadOnlyList<ResultRow> rows =
        [
            Row(0, 0.3, 0.5, seed: 1), Row(1, 0.4, 0.45, architecture: "parallel", seed: 1),
            Row(2, 0.3, 0.5, seed: 2), Row(3, 0.4, 0.45, architecture: "parallel", seed: 2),
        ];
        rows = evaluated switch
        {
            "all" => rows.Select(r => r with { FinalTrainLossEval = r.FinalTrainLoss - 0.1 }).ToList(),
            "one" => rows.Select(r => r.TrialIndex == 0 ? r : r with { FinalTrainLossEval = r.FinalTrainLoss - 0.1 }).ToList(),
            _ => rows,
        };

        var text = SideBySideSection.Render(SideBySideTable.Build(rows));

        Assert.Contains(expected, text);
        Assert.Equal(evaluated == "all" ? 0 : evaluated == "one" ? 2 : 4, text.Count(c => c == '†') - Legend(evaluated));
    }

    // The note itself uses the mark once when some or all trials fall back.
    private static int Legend(string evaluated) => evaluated == "all" ? 0 : 1;
}
