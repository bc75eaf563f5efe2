using Microsoft.Data.Sqlite;
using Orleans;
using Orleans.Storage;
using OrleansSweep.Hosting.Storage;

namespace OrleansSweep.Hosting.Tests;

public sealed class SqliteGrainStorageTests : GrainStorageConformance, IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly SqliteGrainStorage _storage;

    public SqliteGrainStorageTests() => _storage = StorageFactory.Sqlite(_database.Path);

    protected override IGrainStorage Storage => _storage;

    [Fact]
    public async Task State_survives_reopening_the_file()
    {
        var id = NewGrainId();
        var state = new TestGrainState(SampleTrialState.Realistic("durable"));
        await _storage.WriteStateAsync(StateName, id, state);
        _storage.Dispose();

        using var reopened = StorageFactory.Sqlite(_database.Path);
        var read = new TestGrainState();
        await reopened.ReadStateAsync(StateName, id, read);

        Assert.Equal("durable", read.State.Name);
        Assert.Equal(state.ETag, read.ETag);
        read.State.Name = "updated after restart";
        await reopened.WriteStateAsync(StateName, id, read);
    }

    [Fact]
    public async Task Two_instances_on_one_file_share_state_and_etags()
    {
        using var otherSilo = StorageFactory.Sqlite(_database.Path);
        var id = NewGrainId();
        var mine = new TestGrainState(SampleTrialState.Realistic("from-first"));
        await _storage.WriteStateAsync(StateName, id, mine);

        var theirs = new TestGrainState();
        await otherSilo.ReadStateAsync(StateName, id, theirs);
        Assert.Equal("from-first", theirs.State.Name);

        await _storage.WriteStateAsync(StateName, id, mine);
        await Assert.ThrowsAsync<InconsistentStateException>(() => otherSilo.WriteStateAsync(StateName, id, theirs));
    }

    [Fact]
    public void The_file_uses_write_ahead_logging() =>
        Assert.Equal("wal", _database.Scalar("PRAGMA journal_mode"));

    [Fact]
    public async Task Rows_hold_plain_json_without_clr_type_names()
    {
        await _storage.WriteStateAsync(StateName, NewGrainId(), new TestGrainState(SampleTrialState.Realistic("json")));

        var json = System.Text.Encoding.UTF8.GetString((byte[])_database.Scalar("SELECT payload FROM grain_state")!);

        Assert.Contains("\"Phase\":\"Diverged\"", json);
        Assert.Contains("\"NaN\"", json);
        Assert.DoesNotContain("$type", json);
    }

    [Fact]
    public async Task The_large_payload_test_really_stores_a_megabyte()
    {
        await A_payload_of_about_a_megabyte_round_trips();

        Assert.InRange(Convert.ToInt64(_database.Scalar("SELECT max(length(payload)) FROM grain_state")), 1_000_000, 2_000_000);
    }

    [Fact]
    public async Task A_write_waits_for_a_lock_held_by_another_connection()
    {
        var id = NewGrainId();
        using var other = new SqliteConnection($"Data Source={_database.Path}");
        other.Open();
        using var transaction = other.BeginTransaction(deferred: false);   // BEGIN IMMEDIATE: holds the write lock

        var released = false;
        var releaser = Task.Run(async () =>
        {
            await Task.Delay(500);
            Volatile.Write(ref released, true);
            transaction.Commit();
        });

        await _storage.WriteStateAsync(StateName, id, new TestGrainState(SampleTrialState.Realistic("patient")));

        Assert.True(Volatile.Read(ref released));
        await releaser;
        Assert.Equal("patient", (await Read(id)).State.Name);
    }

    [Fact]
    public void An_empty_database_path_is_refused_with_a_one_line_error()
    {
        var error = Assert.Throws<ArgumentException>(() => StorageFactory.Sqlite(" "));
        Assert.StartsWith("Grain storage 'test': DatabasePath is empty.", error.Message);
    }

    public void Dispose()
    {
        _storage.Dispose();
        _database.Dispose();
    }
}
