using OrleansSweep.Interfaces;
using OrleansSweep.Training.Sessions;
using OrleansSweep.Wire;

namespace OrleansSweep.Client.Results;

/// <summary>
/// Writes a sweep's results to one file, atomically (a temporary file renamed over <c>path</c>).
/// Columns are camelCase in every format (see docs/results.md).
/// Without <c>epochs</c>: one row/object per trial.
/// With <c>epochs</c> (trial index → its history): CSV and Parquet use the long layout, one row per trial × epoch
/// with the trial columns repeated and epoch columns appended (a trial with no history keeps one row with empty
/// epoch columns); JSONL keeps one object per trial with a "history" array of its epochs.
/// </summary>
public static class ResultExport
{
    public static Task WriteAsync(
        IReadOnlyList<ResultRow> rows, IReadOnlyDictionary<long, IReadOnlyList<EpochMetrics>>? epochs,
        ResultFormat format, string path, CancellationToken ct = default) =>
        AtomicFile.WriteAsync(path, stream => format switch
        {
            ResultFormat.Csv => CsvResultWriter.WriteAsync(stream, rows, epochs, ct),
            ResultFormat.Jsonl => JsonlResultWriter.WriteAsync(stream, rows, epochs),
            ResultFormat.Parquet => ParquetResultWriter.WriteAsync(stream, rows, epochs, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown result format"),
        }, ct);
}

public enum ResultFormat { Csv, Jsonl, Parquet }
