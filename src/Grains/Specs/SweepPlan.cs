using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OrleansSweep.Grains.Specs;

/// <summary>What a spec will run, as <c>orleans-sweep plan</c> shows it: counts, factor values, first trials.</summary>
public sealed record SweepPlan(
    string Name,
    long Trials,
    long GridSize,
    IReadOnlyList<(string Factor, IReadOnlyList<object> Values)> Factors,
    IReadOnlyList<TrialConfig> FirstTrials)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    public static SweepPlan Of(SweepSpec spec, int firstTrials = 10)
    {
        var grid = new TrialGrid(spec);
        var f = spec.Factors;
        IReadOnlyList<object>[] values =
        [
            [.. f.Dataset], [.. f.Architecture], [.. f.Layers.Cast<object>()], [.. f.Filters.Cast<object>()],
            [.. f.Kernel.Cast<object>()], [.. f.Activation], [.. f.BatchNorm.Cast<object>()], [.. f.Optimizer],
            [.. f.LearningRate.Cast<object>()], [.. f.BatchSize.Cast<object>()],
        ];
        var factors = SpecSchema.Factors.Select((name, i) => (name, values[i])).ToList();
        return new SweepPlan(spec.Name, grid.Count, grid.GridSize, factors, grid.Take(firstTrials).ToList());
    }

    /// <summary>{ name, trials, gridSize, factors: { factor: [values] }, firstTrials: [TrialConfig] }.</summary>
    public string ToJson(IReadOnlyList<string>? warnings = null)
    {
        var factors = new JsonObject();
        foreach (var (factor, values) in Factors)
            factors[factor] = JsonSerializer.SerializeToNode(values, JsonOptions);
        var json = new JsonObject
        {
            ["name"] = Name,
            ["trials"] = Trials,
            ["gridSize"] = GridSize,
            ["factors"] = factors,
            ["firstTrials"] = JsonSerializer.SerializeToNode(FirstTrials, JsonOptions),
            ["warnings"] = JsonSerializer.SerializeToNode(warnings ?? [], JsonOptions),
        };
        return json.ToJsonString(JsonOptions);
    }
}
