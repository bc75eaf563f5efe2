using OrleansSweep.Bench;
using OrleansSweep.Bench.Engine;

// bench/run.sh NAME [options]: progress goes to stderr, the figures are the last line on stdout.
var name = args.FirstOrDefault();
try
{
    return name switch
    {
        "trainer" => TrainerBenchmark.Run(TrainerBenchOptions.Parse(args[1..])),
        "layout" => LayoutProbe.Run(TrainerBenchOptions.Parse(args[1..])),
        "scheduling" => await SchedulingBenchmark.Run(args[1..]),
        "ingest" => await IngestBenchmark.Run(args[1..]),
        "scale" => await ScaleBenchmark.Run(args[1..]),
        "packing" => PackingBenchmark.Run(args[1..]),
        "results" => await ResultsBenchmark.Run(args[1..]),
        _ => Fail($"unknown benchmark '{name}'; available: trainer, layout, scheduling, ingest, scale, packing, results"),
    };
}
catch (Exception) when (Interruption.Requested)
{
    // The cluster went from under the benchmark: the cleanup ends the process with 130.
    await Interruption.Done;
    return 130;
}
catch (ArgumentException e)
{
    return Fail(e.Message);
}

static int Fail(string message)
{
    Console.Error.WriteLine($"error: {message}");
    return 2;
}
