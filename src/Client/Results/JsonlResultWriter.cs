using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Client.Results;

/// <summary>JSON Lines: one camelCase object per trial; with epochs, a "history" array of its epochs in each.</summary>
internal static class JsonlResultWriter
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // A diverged epoch's NaN loss is written as "NaN" rather than failing the export.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task WriteAsync(
        Stream stream, IReadOnlyList<ResultRow> rows, IReadOnlyDictionary<long, IReadOnlyList<EpochMetrics>>? epochs)
    {
        await using var text = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        foreach (var row in rows)
        {
            var node = JsonSerializer.SerializeToNode(row, Options)!.AsObject();
            if (epochs is not null)
            {
                var history = epochs.GetValueOrDefault(row.TrialIndex) ?? [];
                node["history"] = JsonSerializer.SerializeToNode(history.OrderBy(e => e.Epoch), Options);
            }
            await text.WriteLineAsync(node.ToJsonString(Options));
        }
    }
}
