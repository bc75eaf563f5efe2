namespace OrleansSweep.Grains.Persistence;

/// <summary>
/// Coalesces state writes of a reentrant grain: every caller of <see cref="SaveAsync"/> returns once a
/// write that started after its call has finished, and calls that arrive during a write share the next
/// one. So each acknowledged call is durable, and a busy coordinator writes once per write-time, not
/// once per call. Must be used from the grain's scheduler only.
/// </summary>
public sealed class GroupCommit(Func<Task> write)
{
    private TaskCompletionSource? _next;
    private bool _writing;

    /// <summary>The last write failed: memory holds changes storage may not have (a retried call must write again).</summary>
    public bool Dirty { get; private set; }

    /// <summary>A write when the last one failed, else nothing: for replies that change nothing themselves but
    /// acknowledge an earlier change (an idempotent retry must not be acknowledged before that change is durable).</summary>
    public Task EnsureDurableAsync() => Dirty ? SaveAsync() : Task.CompletedTask;

    public Task SaveAsync()
    {
        var next = _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_writing) _ = WriteLoopAsync();
        return next.Task;
    }

    private async Task WriteLoopAsync()
    {
        _writing = true;
        try
        {
            while (_next is { } batch)
            {
                _next = null;
                try
                {
                    await write();
                    Dirty = false;
                    batch.SetResult();
                }
                catch (Exception e)
                {
                    Dirty = true;
                    batch.SetException(e);
                }
            }
        }
        finally
        {
            _writing = false;
        }
    }
}
