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
                    batch.SetResult();
                }
                catch (Exception e)
                {
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
