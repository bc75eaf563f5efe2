using System.Globalization;
using CsvHelper;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Client.Results;

/// <summary>CSV (RFC 4180 quoting via CsvHelper, invariant culture, header row); an empty field is a null.</summary>
internal static class CsvResultWriter
{
    public static async Task WriteAsync(
        Stream stream, IReadOnlyList<ResultRow> rows, IReadOnlyDictionary<long, IReadOnlyList<EpochMetrics>>? epochs,
        CancellationToken ct)
    {
        var columns = ResultColumns.For(epochs);
        await using var csv = CsvWriter.Create(stream, CsvWriterOptions.Default, leaveOpen: true);
        csv.WriteHeader(columns.Select(c => c.Name).ToArray());
        foreach (var record in ResultRecord.Layout(rows, epochs))
            await csv.WriteRecordAsync(columns.Select(c => Format(c.Value(record.Row, record.Epoch))).ToArray(), ct);
    }

    // "R" keeps doubles round-trippable; booleans as true/false like JSON.
    private static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
