using System.Collections.Concurrent;

namespace OrleansSweep.Grains.Slots;

/// <summary>
/// A thread of its own that runs work items one at a time, off the thread pool. Slots train on one (TorchSharp's
/// dispose scopes and thread settings are per thread, and a model must stay on the thread that made it); SQLite
/// storage runs its synchronous calls on one, so they never hold the few pool threads that run every grain.
/// </summary>
public sealed class DedicatedThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;

    public DedicatedThread(string name)
    {
        _thread = new Thread(() => { foreach (var item in _work.GetConsumingEnumerable()) item(); })
        {
            IsBackground = true, Name = name,
        };
        _thread.Start();
    }

    public Task<T> Run<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try { done.SetResult(work()); }
            catch (Exception e) { done.SetException(e); }
        });
        return done.Task;
    }

    public void Dispose() => _work.CompleteAdding();
}
