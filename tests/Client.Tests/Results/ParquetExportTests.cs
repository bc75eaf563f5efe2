using OrleansSweep.Client.Results;
using Parquet;
using Parquet.Schema;
using static OrleansSweep.Client.Tests.Results.SweepFixtures;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Client.Tests.Results;

public sealed class ParquetExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("results-parquet-").FullName;

    private static readonly IReadOnlyList<ResultRow> Rows =
    [
        Row(0, 0.25, 0.5, parameters: 300_000) with { FinalTrainLossEval = 0.125, Converged = true },
        ResultRows.From(Spec(), new TrialSummary(1, Config(1, architecture: "parallel"), TrialStatus.Queued, 0, null), null),
    ];

    [Fact]
    public async Task Schema_is_typed_and_nullable_only_where_values_can_be_missing()
    {
        var path = Path.Combine(_dir, "r.parquet");
        await ResultExport.WriteAsync(Rows, null, ResultFormat.Parquet, path);

        await using var reader = await ParquetReader.CreateAsync(path);
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name);
        Assert.Equal(ResultColumns.Trial.Select(c => c.Name), reader.Schema.GetDataFields().Select(f => f.Name));
        Assert.Equal((typeof(long), false), (fields["trialIndex"].ClrType, fields["trialIndex"].IsNullable));
        Assert.Equal((typeof(bool), false), (fields["batchNorm"].ClrType, fields["batchNorm"].IsNullable));
        Assert.Equal((typeof(double), true), (fields["finalValLoss"].ClrType, fields["finalValLoss"].IsNullable));
        Assert.Equal((typeof(long), true), (fields["parameters"].ClrType, fields["parameters"].IsNullable));
        Assert.Equal((typeof(double), true), (fields["finalTrainLossEval"].ClrType, fields["finalTrainLossEval"].IsNullable));
        Assert.Equal((typeof(bool), true), (fields["converged"].ClrType, fields["converged"].IsNullable));
        Assert.True(fields["error"].IsNullable);
    }

    [Fact]
    public async Task Values_read_back_equal_the_rows()
    {
        var path = Path.Combine(_dir, "r.parquet");
        await ResultExport.WriteAsync(Rows, null, ResultFormat.Parquet, path);

        await using var reader = await ParquetReader.CreateAsync(path);
        Assert.Equal(1, reader.RowGroupCount);
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(2, group.RowCount);
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name);
        Assert.Equal(new long[] { 0, 1 }, await Read<long>(group, fields["trialIndex"]));
        Assert.Equal([0.5, null], await ReadNullable<double>(group, fields["finalValLoss"]));
        Assert.Equal([2.0, null], await ReadNullable<double>(group, fields["q"]));
        Assert.Equal([300_000L, null], await ReadNullable<long>(group, fields["parameters"]));
        Assert.Equal([0.125, null], await ReadNullable<double>(group, fields["finalTrainLossEval"]));
        Assert.Equal([true, null], await ReadNullable<bool>(group, fields["converged"]));
        var status = new string?[2];
        await group.ReadAsync(fields["status"], status.AsMemory());
        Assert.Equal(new string?[] { "completed", "queued" }, status);
        var architecture = new string?[2];
        await group.ReadAsync(fields["architecture"], architecture.AsMemory());
        Assert.Equal(new string?[] { "sequential", "parallel" }, architecture);
    }

    [Fact]
    public async Task With_epochs_the_long_layout_adds_nullable_epoch_columns()
    {
        var path = Path.Combine(_dir, "r.parquet");
        var history = new Dictionary<long, IReadOnlyList<EpochMetrics>> { [0] = [Epoch(1, 0.5, 1.0), Epoch(2, 0.25, 0.5)] };
        await ResultExport.WriteAsync(Rows, history, ResultFormat.Parquet, path);

        await using var reader = await ParquetReader.CreateAsync(path);
        using var group = reader.OpenRowGroupReader(0);
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name);
        Assert.Equal(3, group.RowCount);
        Assert.Equal(new long[] { 0, 0, 1 }, await Read<long>(group, fields["trialIndex"]));
        Assert.Equal([1, 2, null], await ReadNullable<int>(group, fields["epoch"]));
        Assert.Equal([1.0, 0.5, null], await ReadNullable<double>(group, fields["epochValLoss"]));
    }

    private static async Task<T[]> Read<T>(ParquetRowGroupReader group, DataField field) where T : struct
    {
        var values = new T[group.RowCount];
        await group.ReadAsync<T>(field, values.AsMemory());
        return values;
    }

    private static async Task<T?[]> ReadNullable<T>(ParquetRowGroupReader group, DataField field) where T : struct
    {
        var values = new T?[group.RowCount];
        await group.ReadAsync<T>(field, values.AsMemory());
        return values;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
