using System.Text;
using System.Text.Json;
using CsvHelper;
using OrleansSweep.Client.Results;
using static OrleansSweep.Client.Tests.Results.SweepFixtures;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Client.Tests.Results;

public sealed class ResultExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("results-export-").FullName;

    private static readonly IReadOnlyList<ResultRow> Rows =
    [
        Row(0, 0.25, 0.5) with { FinalTrainLossEval = 0.1875, Converged = false },
        Row(1, 0.125, 0.75, architecture: "parallel") with { Status = TrialStatus.Failed, Error = "boom, \"bad\"\nvalue" },
        ResultRows.From(Spec(), new TrialSummary(2, Config(2), TrialStatus.Queued, 0, null), null),
    ];

    private static readonly Dictionary<long, IReadOnlyList<EpochMetrics>> History = new()
    {
        [0] = [Epoch(2, 0.25, 0.5), Epoch(1, 0.5, 1.0)],
        [1] = [Epoch(1, 0.125, 0.75)],
    };

    [Fact]
    public async Task Csv_has_a_camelCase_header_and_RFC4180_quoting()
    {
        var path = Path.Combine(_dir, "r.csv");
        await ResultExport.WriteAsync(Rows, null, ResultFormat.Csv, path);

        var text = await File.ReadAllTextAsync(path);
        Assert.StartsWith("trialIndex,dataset,architecture,layers,filters,kernel,activation,batchNorm,optimizer,learningRate,"
            + "batchSize,replicate,seed,status,attempts,interruptions,epochs,finalTrainLoss,finalTrainAccuracy,finalTrainLossEval,finalValLoss,"
            + "finalValAccuracy,bestValLoss,converged,parameters,q,qBin,seconds,error\r\n", text);
        Assert.Contains("\"boom, \"\"bad\"\"\nvalue\"", text);
        using var csv = CsvReader.Create(Encoding.UTF8.GetBytes(text), CsvReaderOptions.Default);
        var records = new List<(string Status, string ValLoss, string TrainLossEval, string Converged, string Error, string QBin)>();
        while (csv.Read())
            records.Add((csv.GetString("status"), csv.GetString("finalValLoss"), csv.GetString("finalTrainLossEval"),
                csv.GetString("converged"), csv.GetString("error"), csv.GetString("qBin")));
        Assert.Equal(
        [
            ("completed", "0.5", "0.1875", "false", "", "1-3"),
            ("failed", "0.75", "", "", "boom, \"bad\"\nvalue", "1-3"),
            ("queued", "", "", "", "", ""),
        ], records);
    }

    [Fact]
    public async Task Csv_with_epochs_has_one_row_per_trial_and_epoch_in_epoch_order()
    {
        var path = Path.Combine(_dir, "r.csv");
        await ResultExport.WriteAsync(Rows, History, ResultFormat.Csv, path);

        using var csv = CsvReader.Create(await File.ReadAllBytesAsync(path), CsvReaderOptions.Default);
        var records = new List<(string Trial, string Epoch, string ValLoss)>();
        while (csv.Read()) records.Add((csv.GetString("trialIndex"), csv.GetString("epoch"), csv.GetString("epochValLoss")));
        Assert.Equal([("0", "1", "1"), ("0", "2", "0.5"), ("1", "1", "0.75"), ("2", "", "")], records);
    }

    [Fact]
    public async Task Jsonl_is_one_camelCase_object_per_trial_with_a_history_array()
    {
        var path = Path.Combine(_dir, "r.jsonl");
        await ResultExport.WriteAsync(Rows, History, ResultFormat.Jsonl, path);

        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(3, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var keys = first.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal([.. ResultColumns.Trial.Select(c => c.Name), "history"], keys);
        Assert.Equal("completed", first.RootElement.GetProperty("status").GetString());
        Assert.Equal(0.5, first.RootElement.GetProperty("finalValLoss").GetDouble());
        Assert.Equal(0.1875, first.RootElement.GetProperty("finalTrainLossEval").GetDouble());
        Assert.False(first.RootElement.GetProperty("converged").GetBoolean());
        Assert.Equal(2, first.RootElement.GetProperty("epochs").GetInt32());
        var epochs = first.RootElement.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32());
        Assert.Equal([1, 2], epochs);
        using var failed = JsonDocument.Parse(lines[1]);
        Assert.Equal("boom, \"bad\"\nvalue", failed.RootElement.GetProperty("error").GetString());
        using var queued = JsonDocument.Parse(lines[2]);
        Assert.Equal(JsonValueKind.Null, queued.RootElement.GetProperty("q").ValueKind);
        Assert.Equal(JsonValueKind.Null, queued.RootElement.GetProperty("converged").ValueKind);
        Assert.Equal(0, queued.RootElement.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task Writing_replaces_an_existing_file_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_dir, "r.jsonl");
        await File.WriteAllTextAsync(path, "old content that is longer than nothing\n");
        await ResultExport.WriteAsync(Rows, null, ResultFormat.Jsonl, path);

        Assert.Equal(3, (await File.ReadAllLinesAsync(path)).Length);
        Assert.Equal(["r.jsonl"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
