using OrleansSweep.Silo.Tests.Fixtures;
using Xunit.Abstractions;
using OrleansSweep.Wire;

namespace OrleansSweep.Silo.Tests;

/// <summary>
/// The product's series follow running trials, arms and active sweeps, never the number of trials: a 1,000-trial
/// sweep leaves exactly the per-arm series a 100-trial sweep of the same configurations left (docs/metrics.md).
/// </summary>
public sealed class CardinalityTests(ITestOutputHelper output)
{
    private const int Slots = 16;
    // docs/metrics.md: 31 + 3·devices per silo + (148 + 19·devices) per arm + (16 + 3·arms) per active sweep + 4 per
    // running trial; a CPU silo has one device (cpu).
    private const int Arms = 2;
    private const int Devices = 1;
    private const int ProductBound = 31 + 3 * Devices + (148 + 19 * Devices) * Arms + 2 * (16 + 3 * Arms) + 4 * Slots;
    // Everything on /metrics (Orleans' and the runtime's series included), measured with margin: docs/metrics.md.
    private const int TotalBound = 1000;

    [Fact]
    public async Task A_1000_trial_sweep_adds_no_series_over_a_100_trial_sweep()
    {
        await using var silo = await InProcessSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Slots:Count"] = Slots.ToString(),
            ["Slots:ThreadsPerSlot"] = "1",
            ["Slots:PollInterval"] = "00:00:00.050",
            ["Trainer:Kind"] = "simulated",
            ["Trainer:EpochDuration"] = "00:00:00.005",
        });
        var started = DateTime.UtcNow;

        // Two epochs a trial: a running trial's loss series live from its first epoch's report until its slot is freed
        // after the last (with one epoch that is no time at all, and a scrape would never see one).
        await RunAsync(silo, TestSpecs.Grid("small", replicates: 1, epochs: 2), TimeSpan.FromSeconds(60));
        var afterSmall = await ScrapeOnceEndedAsync(silo, "small");
        output.WriteLine($"100 trials done after {DateTime.UtcNow - started:g}");

        var running = 0;
        var peak = 0;
        var large = RunAsync(silo, TestSpecs.Grid("large", replicates: 10, epochs: 2), TimeSpan.FromSeconds(150));
        while (!large.IsCompleted)
        {
            var scrape = await MetricsText.ScrapeAsync(silo.Http);
            running = Math.Max(running, scrape.Named("orleans_sweep_trial_val_loss").Count());
            peak = Math.Max(peak, scrape.Product.Count());
            await Task.Delay(100);
        }
        await large;
        var afterLarge = await ScrapeOnceEndedAsync(silo, "large");
        output.WriteLine($"1,000 trials done after {DateTime.UtcNow - started:g}; product series: {afterSmall.Product.Count()} after 100, " +
            $"{afterLarge.Product.Count()} after 1,100, peak {peak}; running-trial val_loss series peak {running}; total {afterLarge.Series.Count}");

        Assert.Equal(PerArm(afterSmall), PerArm(afterLarge));
        Assert.Equal(PerSweep(afterSmall, "small").Count, PerSweep(afterLarge, "large").Count);
        Assert.InRange(running, 1, Slots);
        Assert.InRange(peak, 1, ProductBound);
        Assert.InRange(afterLarge.Series.Count, 1, TotalBound);
        var docs = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "metrics.md"));
        Assert.All(afterLarge.Product.Select(s => Dashboards.DashboardFileTests.Family(s.Split('{')[0])).Distinct(),
            name => Assert.Contains($"`{name}`", docs));
    }

    private static async Task RunAsync(InProcessSilo silo, SweepSpec spec, TimeSpan timeout)
    {
        var reply = await silo.Grains.GetGrain<ISweepGrain>(spec.Name).Start(spec);
        Assert.True(reply.Accepted, reply.Error);
        var status = await TestSpecs.WaitForEndAsync(silo.Grains, spec.Name, timeout);
        Assert.Equal(reply.Trials, status.Counts[TrialStatus.Completed]);
    }

    /// <summary>A scrape taken once the coordinator's sampled status (taken every second) shows the sweep completed.</summary>
    private static async Task<MetricsText> ScrapeOnceEndedAsync(InProcessSilo silo, string sweep)
    {
        MetricsText? scrape = null;
        await Wait.UntilAsync(async () =>
        {
            scrape = await MetricsText.ScrapeAsync(silo.Http);
            return scrape.Named("orleans_sweep_sweep_phase").Any(s => s.Contains($"phase=\"completed\",sweep=\"{sweep}\""))
                && !scrape.Series.Any(s => s.Contains("trial=\""));   // the last attempts end just after their commits
        }, TimeSpan.FromSeconds(10), $"sweep {sweep} completed on /metrics, with no running-trial series left");
        return scrape!;
    }

    /// <summary>The product's series without a sweep label: per silo and per arm (dataset × architecture × Q bin).</summary>
    private static List<string> PerArm(MetricsText scrape) =>
        scrape.Product.Where(s => !s.Contains("sweep=\"")).Order().ToList();

    private static List<string> PerSweep(MetricsText scrape, string sweep) =>
        scrape.WithLabel("sweep", sweep).ToList();
}
