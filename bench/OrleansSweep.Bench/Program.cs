using OrleansSweep.Bench;

// bench/run.sh NAME [options]: progress goes to stderr, the figures are the last line on stdout.
var name = args.FirstOrDefault();
try
{
    return name switch
    {
        "trainer" => TrainerBenchmark.Run(TrainerBenchOptions.Parse(args[1..])),
        _ => Fail($"unknown benchmark '{name}'; available: trainer"),
    };
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
