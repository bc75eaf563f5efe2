using System.Runtime.InteropServices;

namespace OrleansSweep.Bench.Engine;

/// <summary>
/// What a benchmark started outside this process (silo processes, redis-server, temporary folders) is disposed when the
/// benchmark is interrupted (Ctrl-C, SIGTERM) as when it ends; then the benchmark exits with 130. A second signal
/// during that cleanup ends the process at once. The benchmark itself, failing meanwhile (its cluster is going),
/// waits for the cleanup (<see cref="Requested"/>, <see cref="Done"/>).
/// </summary>
public static class Interruption
{
    private static readonly object Gate = new();
    private static readonly List<IAsyncDisposable> Owned = [];
    private static PosixSignalRegistration[]? _registrations;
    private static int _signals;
    private static readonly TaskCompletionSource Cleaned = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A signal came: what the benchmark does now may fail, and does not count.</summary>
    public static bool Requested => Volatile.Read(ref _signals) > 0;

    /// <summary>Completes when everything guarded has been disposed after a signal.</summary>
    public static Task Done => Cleaned.Task;

    /// <summary>Disposes <paramref name="resource"/> if the benchmark is interrupted before the returned handle is disposed.</summary>
    public static IDisposable Guard(IAsyncDisposable resource)
    {
        lock (Gate)
        {
            _registrations ??= [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
            Owned.Add(resource);
        }
        return new Handle(resource);
    }

    private static void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _signals) > 1) return;   // the default handling ends the process
        context.Cancel = true;
        Console.Error.WriteLine($"interrupted ({context.Signal}): stopping what the benchmark started…");
        List<IAsyncDisposable> owned;
        lock (Gate) owned = Enumerable.Reverse(Owned).ToList();
        foreach (var resource in owned)
        {
            try
            {
                resource.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"  cleanup: {e.Message}");
            }
        }
        Cleaned.TrySetResult();
        Environment.Exit(130);
    }

    private sealed class Handle(IAsyncDisposable resource) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate) Owned.Remove(resource);
        }
    }
}
