using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json;
using OrleansSweep.Interfaces;
using OrleansSweep.Training.Sessions;
using OrleansSweep.Wire;

namespace OrleansSweep.Client.Results;

/// <summary>
/// The columns of the flat exports (CSV, Parquet). Trial columns are <see cref="ResultRow"/>'s properties in order,
/// named in camelCase like the JSONL keys; the status is its lower-case name. The per-epoch columns follow them in
/// the long layout and are all nullable: a trial without history still gets one row, with empty epoch columns.
/// </summary>
public static class ResultColumns
{
    public static IReadOnlyList<ResultColumn> Trial { get; } = typeof(ResultRow)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
        .Select(TrialColumn)
        .ToList();

    /// <summary>The trial columns, followed by the per-epoch ones when the export carries histories.</summary>
    public static IReadOnlyList<ResultColumn> For(IReadOnlyDictionary<long, IReadOnlyList<EpochMetrics>>? epochs) =>
        epochs is null ? Trial : [.. Trial, .. Epoch];

    public static IReadOnlyList<ResultColumn> Epoch { get; } =
    [
        new("epoch", typeof(int?), (_, e) => e?.Epoch),
        new("epochTrainLoss", typeof(double?), (_, e) => e?.TrainLoss),
        new("epochTrainAccuracy", typeof(double?), (_, e) => e?.TrainAccuracy),
        new("epochValLoss", typeof(double?), (_, e) => e?.ValLoss),
        new("epochValAccuracy", typeof(double?), (_, e) => e?.ValAccuracy),
        new("epochSeconds", typeof(double?), (_, e) => e?.Seconds),
        new("epochSamplesPerSecond", typeof(double?), (_, e) => e?.SamplesPerSecond),
        new("epochDevice", typeof(string), (_, e) => e?.Device),
    ];

    public static string StatusName(TrialStatus status) => status.ToString().ToLowerInvariant();

    private static ResultColumn TrialColumn(PropertyInfo p)
    {
        var name = JsonNamingPolicy.CamelCase.ConvertName(p.Name);
        return p.PropertyType == typeof(TrialStatus)
            ? new ResultColumn(name, typeof(string), (r, _) => StatusName(r.Status))
            : new ResultColumn(name, p.PropertyType, (r, _) => p.GetValue(r));
    }
}

/// <summary>
/// One column of a flat export: its name, its CLR type (nullable where the value can be missing) and how to read it
/// from a trial and, in the long per-epoch layout, one of its epochs (null when the trial has no epoch history).
/// </summary>
public sealed record ResultColumn(string Name, Type Type, Func<ResultRow, EpochMetrics?, object?> Value);
