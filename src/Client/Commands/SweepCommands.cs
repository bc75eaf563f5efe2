using Spectre.Console.Cli;

namespace OrleansSweep.Client.Commands;

/// <summary>The commands that act on existing sweeps, embedded (--state-dir) or on a cluster (--cluster/--gateway).</summary>
public static class SweepCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<SubmitCommand>("submit")
            .WithDescription("Start a sweep on a running cluster and print its id.")
            .WithExample("submit", "paper", "--cluster", "redis.internal:6379")
            .WithExample("submit", "my-sweep.yaml", "--gateway", "10.0.0.5:30000", "--json");
        config.AddCommand<ListCommand>("list")
            .WithDescription("List the sweeps of a state folder or cluster.")
            .WithExample("list")
            .WithExample("list", "--cluster", "redis.internal:6379", "--json");
        config.AddCommand<StatusCommand>("status")
            .WithDescription("Show a sweep's progress, ETA, throughput and best loss per arm.")
            .WithExample("status", "smoke")
            .WithExample("status", "paper", "--cluster", "redis.internal:6379", "--json");
        config.AddCommand<WatchCommand>("watch")
            .WithDescription("Follow a sweep live until it ends (Ctrl-C leaves it running).")
            .WithExample("watch", "paper", "--cluster", "redis.internal:6379");
        config.AddCommand<ControlCommand>("cancel").WithData(SweepControl.Cancel)
            .WithDescription("Cancel a sweep: running trials stop within a batch; nothing more is started.")
            .WithExample("cancel", "paper", "--cluster", "redis.internal:6379");
        config.AddCommand<ControlCommand>("pause").WithData(SweepControl.Pause)
            .WithDescription("Pause a sweep: running trials stop after checkpointing; resume continues them.")
            .WithExample("pause", "paper");
        config.AddCommand<ControlCommand>("resume").WithData(SweepControl.Resume)
            .WithDescription("Resume a paused sweep.")
            .WithExample("resume", "paper");
        config.AddCommand<ResultsCommand>("results")
            .WithDescription("Export one row per trial (every factor, status, losses, parameters, Q) as CSV, JSONL or Parquet.")
            .WithExample("results", "smoke", "--format", "parquet", "--out", "smoke.parquet")
            .WithExample("results", "paper", "--cluster", "redis.internal:6379", "--out", "paper.csv", "--epochs");
        config.AddCommand<ReportCommand>("report")
            .WithDescription("Write the deep-vs-shallow report (report.md, plots as PNG and SVG).")
            .WithExample("report", "smoke", "--out", "report-smoke");
    }
}
