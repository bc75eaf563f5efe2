namespace OrleansSweep.Hosting.Tests;

/// <summary>A realistic grain state for storage tests: nested records, lists, dictionaries, enums, NaN.</summary>
public sealed class SampleTrialState
{
    public string Name { get; set; } = "";
    public SamplePhase Phase { get; set; }
    public long Attempts { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public SampleConfig Config { get; set; } = new("", 0, []);
    public List<SampleEpoch> Epochs { get; set; } = [];
    public Dictionary<string, double> Metrics { get; set; } = [];

    public static SampleTrialState Realistic(string name, int epochs = 3) => new()
    {
        Name = name,
        Phase = SamplePhase.Diverged,
        Attempts = long.MaxValue - 7,
        StartedAt = new DateTimeOffset(2025, 3, 4, 5, 6, 7, 890, TimeSpan.FromHours(2)),
        Config = new SampleConfig("staged:2", 6, [16, 32, 64]),
        Epochs = Enumerable.Range(1, epochs).Select(e => new SampleEpoch(e, 1.0 / e, 0.5 + e * 1e-3)).ToList(),
        Metrics = new() { ["loss"] = double.NaN, ["lr"] = 3e-4, ["grad"] = double.PositiveInfinity },
    };
}

public enum SamplePhase { Queued, Running, Completed, Diverged }

public sealed record SampleConfig(string Architecture, int Layers, IReadOnlyList<int> Filters);

public sealed record SampleEpoch(int Epoch, double Loss, double Accuracy);
