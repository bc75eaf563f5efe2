using System.Collections.Concurrent;

namespace OrleansSweep.Grains.Slots;

/// <summary>
/// A dedicated thread that runs a slot's training work, one item at a time. TorchSharp's dispose
/// scopes and thread settings are per thread, and a model must stay on the thread that made it.
/// </summary>
public sealed class SlotThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;

    public SlotThread(string name)
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
