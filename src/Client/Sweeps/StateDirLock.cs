using System.Text.Json;
using OrleansSweep.Client.Cli;

namespace OrleansSweep.Client.Sweeps;

/// <summary>
/// One process at a time owns an embedded state folder: it holds <c>lock</c> open exclusively (the OS drops the
/// lock when the process dies, even by kill -9) and writes <c>run.json</c> with its pid and gateway port, so
/// other commands can reach the running sweep instead of opening the SQLite state a second time.
/// </summary>
public sealed class StateDirLock : IDisposable
{
    private const string LockFile = "lock", RunFile = "run.json";
    private readonly FileStream _lock;
    private readonly string _runFile;

    private StateDirLock(FileStream handle, string runFile) => (_lock, _runFile) = (handle, runFile);

    /// <summary>The running owner of <paramref name="stateDir"/>, or null when nobody holds it.</summary>
    public static RunningEmbedded? Owner(string stateDir)
    {
        if (!File.Exists(Path.Combine(stateDir, LockFile))) return null;   // never run here (and nothing created)
        if (TryAcquire(stateDir) is { } free)
        {
            free.Dispose();
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<RunningEmbedded>(File.ReadAllText(Path.Combine(stateDir, RunFile)));
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;   // the owner is starting or stopping: it has not (or no longer) published its gateway
        }
    }

    /// <summary>Takes the folder or throws naming the process that has it.</summary>
    public static StateDirLock Acquire(string stateDir) =>
        TryAcquire(stateDir) ?? throw new BadInputException(
            $"--state-dir: {stateDir} is in use by another orleans-sweep process{Describe(stateDir)}; stop it or use another --state-dir");

    /// <summary>Tells other commands how to reach this process's embedded silo.</summary>
    public void Publish(int gatewayPort) =>
        File.WriteAllText(_runFile, JsonSerializer.Serialize(new RunningEmbedded(Environment.ProcessId, gatewayPort)));

    private static StateDirLock? TryAcquire(string stateDir)
    {
        Directory.CreateDirectory(stateDir);
        try
        {
            var handle = new FileStream(Path.Combine(stateDir, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new StateDirLock(handle, Path.Combine(stateDir, RunFile));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            throw new BadInputException($"--state-dir: {stateDir} is not writable (its lock file cannot be opened)");
        }
    }

    private static string Describe(string stateDir)
    {
        try
        {
            var run = JsonSerializer.Deserialize<RunningEmbedded>(File.ReadAllText(Path.Combine(stateDir, RunFile)));
            return run is null ? "" : $" (pid {run.Pid})";
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return "";
        }
    }

    public void Dispose()
    {
        File.Delete(_runFile);
        _lock.Dispose();
    }
}

/// <summary>What <c>run.json</c> holds: who owns the state folder and where its gateway listens (loopback).</summary>
public sealed record RunningEmbedded(int Pid, int GatewayPort);
