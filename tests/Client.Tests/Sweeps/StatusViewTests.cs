using OrleansSweep.Client.Output;
using OrleansSweep.Wire;
using Spectre.Console;

namespace OrleansSweep.Client.Tests.Sweeps;

/// <summary>What `status` and `watch` show of running trials: where each trains (device and slot), busy slots per silo and device.</summary>
public sealed class StatusViewTests
{
    [Fact]
    public void Each_running_trial_shows_its_device_and_slot()
    {
        var status = new SweepStatus("gpu", SweepPhase.Running, 40,
            new Dictionary<TrialStatus, long> { [TrialStatus.Running] = 3, [TrialStatus.Queued] = 37 }, 0, 0, null, [],
            [
                new RunningTrial(7, 1, "S10.0.0.5:11111:1#0", 2, 0.5, "cuda:0"),
                new RunningTrial(8, 1, "S10.0.0.5:11111:1#1", 1, 0.6, "cuda:1"),
                new RunningTrial(9, 2, "S10.0.0.5:11111:1#2", 0, double.NaN, "cuda:0"),
            ], 0, 0, "S10.0.0.5:11111:1");

        var text = Render(status);
        var json = SweepJson.Status(status);

        Assert.Contains("slots busy: S10.0.0.5:11111:1 3 (cuda:0 2, cuda:1 1)", text);
        Assert.Contains(text.Split('\n'), line => line.Contains(" 8 ") && line.Contains("cuda:1") && line.Contains("S10.0.0.5:11111:1#1"));
        Assert.Contains("\"device\":\"cuda:0\"", json);
    }

    [Fact]
    public void A_lease_claimed_ahead_shows_as_claimed_and_occupies_no_slot()
    {
        var status = new SweepStatus("ahead", SweepPhase.Running, 10,
            new Dictionary<TrialStatus, long> { [TrialStatus.Running] = 1, [TrialStatus.Queued] = 8 }, 0, 0, null, [],
            [
                new RunningTrial(0, 1, "S10.0.0.5:11111:1#0", 0, double.NaN, "cpu"),
                new RunningTrial(1, 1, "S10.0.0.5:11111:1#0", 0, double.NaN, "cpu", Claimed: true),
            ], 0, 0, "S10.0.0.5:11111:1", Claimed: 1);

        var text = Render(status);
        var json = SweepJson.Status(status);

        Assert.Contains("1 running, 1 claimed ahead, 8 queued", text);
        Assert.Contains("slots busy: S10.0.0.5:11111:1 1 (cpu 1)", text);
        Assert.Contains(text.Split('\n'), line => line.Contains(" 1 ") && line.Contains("claimed ahead") && line.Contains("#0"));
        Assert.Contains("\"running\":1", json);
        Assert.Contains("\"claimed\":1", json);
    }

    private static string Render(SweepStatus status)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        console.Write(SweepStatusView.Render(status));
        return writer.ToString();
    }
}
