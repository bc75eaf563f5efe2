using System.Text.Json;
using OrleansSweep.Client.Cli;

namespace OrleansSweep.Client.Sweeps;

/// <summary>
/// One process at a time owns an embedded state folder: it holds <c>lock</c> open exclusively (the OS drops the
/// lock when the process dies, even by kill -9) and, while its silo serves, <c>run.json</c> with its pid and
/// gateway port, so other commands can reach the running sweep instead of opening the SQLite state a second
/// time. An owner that is starting or stopping holds the lock without <c>run.json</c>: others wait for the lock.
/// </summary>
public sealed class StateDirLock : IDisposable
{
    private const string LockFile = "lock", RunFile = "run.json";
    private readonly FileStream _lock;
    private readonly string _runFile;

    private StateDirLock(FileStream handle, string runFile) => (_lock, _runFile) = (handle, runFile);

    /// <summary>True when some process has ever owned the folder (nothing is created to find out).</summary>
    public static bool EverOwned(string stateDir) => File.Exists(Path.Combine(stateDir, LockFile));

    /// <summary>Where the owner's gateway listens, if it has published it (the owner may have died since: check the lock first).</summary>
    public static RunningEmbedded? Published(string stateDir)
    {
        try
        {
            return JsonSerializer.Deserialize<RunningEmbedded>(File.ReadAllText(Path.Combine(stateDir, RunFile)));
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;   // starting or stopping: it has not (or no longer) published its gateway
        }
    }

    /// <summary>Takes the folder or throws naming the process that has it.</summary>
    public static StateDirLock Acquire(string stateDir) =>
        TryAcquire(stateDir) ?? throw new BadInputException(
            $"--state-dir: {stateDir} is in use by another orleans-sweep process{Describe(stateDir)}; stop it or use another --state-dir");

    /// <summary>The folder's lock (creating the folder and the lock file), or null while another process holds it.</summary>
    public static StateDirLock? TryAcquire(string stateDir)
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

    /// <summary>Tells other commands how to reach this process's embedded silo.</summary>
    public void Publish(int gatewayPort) =>
        File.WriteAllText(_runFile, JsonSerializer.Serialize(new RunningEmbedded(Environment.ProcessId, gatewayPort)));

    /// <summary>Stopping: other commands stop trying the gateway (it closes early in the stop) and wait for the lock.</summary>
    public void Withdraw() => File.Delete(_runFile);

    private static string Describe(string stateDir) => Published(stateDir) is { } run ? $" (pid {run.Pid})" : "";

    public void Dispose()
    {
        Withdraw();
        _lock.Dispose();
    }
}

/// <summary>What <c>run.json</c> holds: who owns the state folder and where its gateway listens (loopback).</summary>
public sealed record RunningEmbedded(int Pid, int GatewayPort);
