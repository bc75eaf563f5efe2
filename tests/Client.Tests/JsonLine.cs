using System.Text.Json;

namespace OrleansSweep.Client.Tests;

/// <summary>One parsed line of `train --json`, keeping the raw number text for exact comparisons.</summary>
public sealed record JsonLine(int Epoch, string Status, IReadOnlyDictionary<string, string> Raw)
{
    public static readonly string[] Fields =
        ["epoch", "trainLoss", "trainAccuracy", "valLoss", "valAccuracy", "seconds", "samplesPerSecond", "trainLossEval",
         "trainAccuracyEval", "device", "parameters", "status"];

    /// <summary>The fields that must match bit for bit between equal runs (everything but timings).</summary>
    public static readonly string[] Deterministic =
        ["epoch", "trainLoss", "trainAccuracy", "valLoss", "valAccuracy", "trainLossEval", "trainAccuracyEval", "device", "parameters", "status"];

    public static JsonLine Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var raw = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
        return new JsonLine(document.RootElement.GetProperty("epoch").GetInt32(),
            document.RootElement.GetProperty("status").GetString()!, raw);
    }

    public double Number(string field) => double.Parse(Raw[field], System.Globalization.CultureInfo.InvariantCulture);

    public string DeterministicPart() => string.Join(",", Deterministic.Select(f => $"{f}={Raw[f]}"));
}
