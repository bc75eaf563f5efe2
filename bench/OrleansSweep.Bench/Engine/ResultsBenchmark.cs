using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using OrleansSweep.Client.Results;
using OrleansSweep.Client.Sweeps;
using OrleansSweep.Hosting;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Bench.Engine;

/// <summary>
/// `bench/run.sh results`: finished sweeps of 10,000 and 100,000 simulated trials (zero-length epochs, run by a silo
/// process with 16 slots on a fresh state folder), then a freshly started query silo process (no slots, the one
/// `orleans-sweep` opens on a stopped folder) serves them to this process, which exports each the way `results` does
/// (every trial's row, CSV) and writes the 100,000-trial report. The figures: export times and their ratio, the trial
/// grains the exports activated (the management grain's count), both processes' peak RSS, and the report's time.
/// </summary>
public static class ResultsBenchmark
{
    public static async Task<int> Run(string[] args)
    {
        var small = SchedulingBenchmark.Arg(args, "--small", 10_000);
        var large = SchedulingBenchmark.Arg(args, "--large", 100_000);
        var folder = Directory.CreateTempSubdirectory("orleans-sweep-results-bench-").FullName;
        try
        {
            Console.Error.WriteLine($"results bench: running sweeps of {small:N0} and {large:N0} simulated trials in {folder}");
            await using (var runner = await SiloAsync(folder, "runner", slots: 16))
            await using (var client = await BenchClient.ConnectAsync(runner.GatewayPort))
            {
                foreach (var (name, trials) in new[] { ("results-small", small), ("results-large", large) })
                    await RunToEndAsync(client.Grains, name, trials);
            }

            Console.Error.WriteLine("  a fresh query silo serves the finished sweeps; exporting…");
            await using var query = await SiloAsync(folder, "query", slots: 0);
            await using var reader = await BenchClient.ConnectAsync(query.GatewayPort);
            var smallTime = await ExportAsync(reader.Grains, "results-small", Path.Combine(folder, "small.csv"), small);
            var largeTime = await ExportAsync(reader.Grains, "results-large", Path.Combine(folder, "large.csv"), large);
            var activations = await TrialActivationsAsync(reader.Grains);
            var report = await ReportAsync(reader.Grains, "results-large", Path.Combine(folder, "report"));
            var siloPeak = query.Silo.PeakRssMb();
            var clientPeak = SiloProcess.PeakRssMb(Environment.ProcessId);
            Console.WriteLine(FormattableString.Invariant(
                $"results: {small / 1000}k {smallTime.TotalSeconds:F1} s, {large / 1000}k {largeTime.TotalSeconds:F1} s ({largeTime / smallTime:F1}×), {activations} trial activations, silo peak RSS {siloPeak:F0} MB, client peak RSS {clientPeak:F0} MB; report of {large / 1000}k {report.TotalSeconds:F1} s (targets: 0 activations, ≤ 10×, 100k ≤ 10 s, report ≤ 60 s)"));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task RunToEndAsync(IGrainFactory grains, string name, int trials)
    {
        var spec = BenchSilo.Spec(SchedulingBenchmark.GridYaml(name, trials));
        var sweep = grains.GetGrain<ISweepGrain>(name);
        var clock = Stopwatch.StartNew();
        await sweep.Start(spec);
        while ((await sweep.GetStatus()) is { Phase: not SweepPhase.Completed } status)
        {
            Console.Error.WriteLine($"  {name}: {status.Progress:P0} after {clock.Elapsed.TotalSeconds:F0} s");
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
        Console.Error.WriteLine($"  {name}: {trials:N0} trials finished in {clock.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>What `orleans-sweep results SWEEP --out FILE` does, timed from the first call to the file's rename.</summary>
    private static async Task<TimeSpan> ExportAsync(IGrainFactory grains, string name, string file, int trials)
    {
        var clock = Stopwatch.StartNew();
        var spec = await grains.GetGrain<ISweepGrain>(name).GetSpec() ?? throw new InvalidOperationException($"{name}: no spec");
        var results = await SweepResults.FetchAsync(grains, spec, withEpochs: false, CancellationToken.None);
        var rows = ResultRows.From(spec, results.Trials, null);
        await ResultExport.WriteAsync(rows, null, ResultFormat.Csv, file, CancellationToken.None);
        var elapsed = clock.Elapsed;
        var lines = File.ReadLines(file).Count() - 1;
        if (lines != trials || rows.Any(r => r.Status != TrialStatus.Completed || r.FinalValLoss is null))
            throw new InvalidOperationException($"{name}: exported {lines} rows, expected {trials} completed trials with losses");
        Console.Error.WriteLine($"  {name}: {lines:N0} rows in {elapsed.TotalSeconds:F2} s");
        return elapsed;
    }

    private static async Task<TimeSpan> ReportAsync(IGrainFactory grains, string name, string folder)
    {
        var clock = Stopwatch.StartNew();
        var spec = await grains.GetGrain<ISweepGrain>(name).GetSpec() ?? throw new InvalidOperationException($"{name}: no spec");
        await ReportWriter.WriteAsync(grains, spec, folder, Console.Error, Console.Error);
        Console.Error.WriteLine($"  report of {name}: {clock.Elapsed.TotalSeconds:F1} s");
        return clock.Elapsed;
    }

    private static async Task<int> TrialActivationsAsync(IGrainFactory grains)
    {
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains("TrialGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }

    private static async Task<StartedSilo> SiloAsync(string folder, string name, int slots)
    {
        var gatewayPort = EmbeddedSilo.FreePort();
        var silo = await SiloProcess.StartAsync(Path.Combine(folder, $"{name}.log"), new Dictionary<string, string>
        {
            ["Orleans__StateDirectory"] = Path.Combine(folder, "state"),
            ["Orleans__SiloPort"] = EmbeddedSilo.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Orleans__QueryOnly"] = (slots == 0).ToString(),
            ["Slots__Count"] = slots.ToString(CultureInfo.InvariantCulture),
            ["Slots__ThreadsPerSlot"] = "1",
            ["Trainer__Kind"] = "simulated",
            ["Trainer__EpochDuration"] = "00:00:00",
        });
        return new StartedSilo(silo, gatewayPort);
    }

    private sealed record StartedSilo(SiloProcess Silo, int GatewayPort) : IAsyncDisposable
    {
        public double PeakRssMb() => Silo.PeakRssMb();
        public ValueTask DisposeAsync() => Silo.DisposeAsync();
    }
}
