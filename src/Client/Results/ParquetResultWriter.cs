using Parquet;
using Parquet.Schema;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Client.Results;

/// <summary>Parquet via Parquet.Net: one row group, typed columns, optional (nullable) where a value can be missing.</summary>
internal static class ParquetResultWriter
{
    public static async Task WriteAsync(
        Stream stream, IReadOnlyList<ResultRow> rows, IReadOnlyDictionary<long, IReadOnlyList<EpochMetrics>>? epochs,
        CancellationToken ct)
    {
        var columns = ResultColumns.For(epochs);
        var fields = columns.Select(c => new DataField(c.Name, c.Type, isNullable: Nullable(c.Type))).ToArray();
        var records = ResultRecord.Layout(rows, epochs);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, cancellationToken: ct);
        using var group = writer.CreateRowGroup();
        for (var i = 0; i < columns.Count; i++)
        {
            var values = records.Select(r => columns[i].Value(r.Row, r.Epoch)).ToList();
            await WriteColumn(group, fields[i], columns[i].Type, values, ct);
        }
        group.CompleteValidate();
    }

    private static bool Nullable(Type type) => type == typeof(string) || System.Nullable.GetUnderlyingType(type) is not null;

    private static Task WriteColumn(ParquetRowGroupWriter group, DataField field, Type type, List<object?> values, CancellationToken ct) =>
        type switch
        {
            _ when type == typeof(string) => group.WriteAsync(field, values.Select(v => (string?)v).ToArray()!),
            _ when type == typeof(bool) => Required<bool>(group, field, values, ct),
            _ when type == typeof(int) => Required<int>(group, field, values, ct),
            _ when type == typeof(long) => Required<long>(group, field, values, ct),
            _ when type == typeof(double) => Required<double>(group, field, values, ct),
            _ when type == typeof(bool?) => Optional<bool>(group, field, values, ct),
            _ when type == typeof(int?) => Optional<int>(group, field, values, ct),
            _ when type == typeof(long?) => Optional<long>(group, field, values, ct),
            _ when type == typeof(double?) => Optional<double>(group, field, values, ct),
            _ => throw new NotSupportedException($"No Parquet mapping for column {field.Name} of type {type}"),
        };

    private static Task Required<T>(ParquetRowGroupWriter group, DataField field, List<object?> values, CancellationToken ct)
        where T : struct =>
        group.WriteAsync<T>(field, new ReadOnlyMemory<T>(values.Select(v => (T)v!).ToArray()), null, null, ct);

    private static Task Optional<T>(ParquetRowGroupWriter group, DataField field, List<object?> values, CancellationToken ct)
        where T : struct =>
        group.WriteAsync<T>(field, new ReadOnlyMemory<T?>(values.Select(v => (T?)v).ToArray()), null, null, ct);
}
