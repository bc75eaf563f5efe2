namespace OrleansSweep.TestSupport;

public static class Wait
{
    /// <summary>
    /// Polls <paramref name="condition"/> until it holds; on timeout throws with <paramref name="what"/>, the last error, and
    /// <paramref name="detail"/> read at that moment (a log tail read when the wait begins says nothing). Errors are
    /// retried, except a <see cref="StopWaitingException"/>, which ends the wait at once.
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, TimeSpan? every = null,
        Func<string>? detail = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition()) return;
            }
            catch (Exception e) when (e is not StopWaitingException)
            {
                last = e;
            }
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(200));
        }
        throw new TimeoutException($"{what} did not happen within {timeout}{(last is null ? "" : $": {last.Message}")}" +
                                   (detail is null ? "" : $"\n{detail()}"));
    }
}

/// <summary>Thrown by a wait's condition when waiting longer cannot help (the process it waits for has exited).</summary>
public class StopWaitingException(string message) : Exception(message);
