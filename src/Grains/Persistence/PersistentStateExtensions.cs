namespace OrleansSweep.Grains.Persistence;

public static class PersistentStateExtensions
{
    /// <summary>
    /// Writes state, retrying transient storage errors with a short backoff. An ETag conflict means an
    /// earlier write did land although it reported an error (or storage was touched behind our back):
    /// this activation's in-memory state is the newest truth, so it re-reads only to learn the current
    /// ETag and writes again.
    /// </summary>
    public static async Task WriteWithRecoveryAsync<T>(this IPersistentState<T> state, ILogger logger, int maxAttempts = 8)
    {
        var staleEtag = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (staleEtag) await AdoptCurrentEtagAsync(state);
                staleEtag = false;
                await state.WriteStateAsync();
                return;
            }
            catch (Exception e) when (attempt < maxAttempts && e is not OperationCanceledException)
            {
                logger.LogWarning("State write failed (attempt {Attempt}): {Error}", attempt, e.Message);
                staleEtag |= e is InconsistentStateException;
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt));
            }
        }
    }

    private static async Task AdoptCurrentEtagAsync<T>(IPersistentState<T> state)
    {
        var mine = state.State;
        try
        {
            await state.ReadStateAsync();
        }
        finally
        {
            state.State = mine;
        }
    }
}
