using OrleansSweep.Grains.Coordinator;

namespace OrleansSweep.Grains.Tests.Engine;

/// <summary>The coordinator's trials/h (and so its ETA): completed work over elapsed time, unknown until it means something.</summary>
public sealed class ThroughputTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(double seconds) => Start.AddSeconds(seconds);

    [Fact]
    public void Two_trials_finishing_together_early_give_no_rate()
    {
        // The reported case: 2 of 8 trials (two slots) done 150 s in, 2.76 s apart: it read 1,303 trials/h, ETA 16 s.
        var throughput = new Throughput(Start);
        throughput.Record(At(147.24));
        throughput.Record(At(150));

        Assert.Null(throughput.PerHour(At(150)));
    }

    [Fact]
    public void The_rate_is_finished_trials_over_the_time_since_counting_started()
    {
        var throughput = new Throughput(Start);
        foreach (var second in new[] { 148.0, 150, 298, 300 })
            throughput.Record(At(second));

        Assert.Equal(4 / (450 / 3600.0), throughput.PerHour(At(450))!.Value, precision: 9);   // 32 trials/h, not 1,303
    }

    [Fact]
    public void Nothing_is_said_before_30_seconds_even_with_trials_finished()
    {
        var throughput = new Throughput(Start);
        for (var i = 1; i <= 5; i++) throughput.Record(At(i));

        Assert.Null(throughput.PerHour(At(29)));
        Assert.Equal(5 / (30 / 3600.0), throughput.PerHour(At(30))!.Value, precision: 9);
    }

    [Fact]
    public void After_the_window_fills_the_rate_follows_the_recent_finishes()
    {
        var throughput = new Throughput(Start, window: 10);
        for (var i = 1; i <= 10; i++) throughput.Record(At(i * 100));    // slow: one per 100 s
        for (var i = 1; i <= 11; i++) throughput.Record(At(1000 + i));   // then one per second

        // The last 10 finishes took 10 s since the one before them.
        Assert.Equal(10 / (10 / 3600.0), throughput.PerHour(At(1011))!.Value, precision: 6);
    }

    [Fact]
    public void A_restart_counts_again_from_its_time()
    {
        var throughput = new Throughput(Start);
        for (var i = 1; i <= 5; i++) throughput.Record(At(i * 10));
        throughput.Restart(At(3600));   // resumed after an hour's pause

        Assert.Null(throughput.PerHour(At(3700)));
        for (var i = 1; i <= 3; i++) throughput.Record(At(3600 + i * 20));
        Assert.Equal(3 / (100 / 3600.0), throughput.PerHour(At(3700))!.Value, precision: 9);
    }
}
