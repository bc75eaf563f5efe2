using Microsoft.Data.Sqlite;

namespace OrleansSweep.Hosting.Tests;

/// <summary>A fresh folder holding one test's SQLite file; deleted on dispose.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "orleans-sweep-tests", Guid.NewGuid().ToString("N"));

    public string Path => System.IO.Path.Combine(_folder, "state.db");

    /// <summary>Runs a query on a separate connection, bypassing the storage under test.</summary>
    public object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path}");
        connection.Open();
        using var command = new SqliteCommand(sql, connection);
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
