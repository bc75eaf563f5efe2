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
