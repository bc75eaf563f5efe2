namespace OrleansSweep.Silo.Tests.Fixtures;

public static class Wait
{
    /// <summary>Polls <paramref name="condition"/> until it holds; throws with <paramref name="what"/> and the last error on timeout.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition()) return;
            }
            catch (Exception e)
            {
                last = e;
            }
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(200));
        }
        throw new TimeoutException($"{what} did not happen within {timeout}{(last is null ? "" : $": {last.Message}")}");
    }
}
