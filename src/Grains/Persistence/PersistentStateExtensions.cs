using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansSweep.Grains.Persistence;

public static class PersistentStateExtensions
{
    private static readonly ConditionalWeakTable<object, object> Stale = new();

    private static readonly JsonSerializerOptions Snapshot = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// Writes state, retrying transient storage errors with a short backoff. An ETag conflict has two causes,
    /// told apart by reading what storage holds: our own earlier write landed although it reported an error
    /// (storage holds exactly what we wrote: adopt its ETag, done), or another activation of this grain wrote
    /// (a duplicate during membership churn): then this activation is stale, must not overwrite the newer
    /// state, and deactivates; the write fails, so nothing it had not yet made durable was acknowledged.
    /// </summary>
    public static async Task WriteWithRecoveryAsync<T>(this IPersistentState<T> state, IGrainBase owner, ILogger logger, int maxAttempts = 8)
    {
        // Once stale, never write again: storage now holds an ETag that would let this activation overwrite.
        if (Stale.TryGetValue(state, out _)) throw new InconsistentStateException("this activation's state is stale; it is deactivating");
        string? attempted = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                attempted = JsonSerializer.Serialize(state.State, Snapshot);   // what this attempt stores
                await state.WriteStateAsync();
                return;
            }
            catch (InconsistentStateException) when (attempt < maxAttempts)
            {
                if (await HoldsAsync(state, attempted)) return;
                logger.LogWarning("State write refused: another activation of {Grain} wrote newer state; this one deactivates", owner.GrainContext.GrainId);
                Stale.AddOrUpdate(state, owner);
                owner.GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "stale state: another activation wrote"));
                throw;
            }
            catch (Exception e) when (attempt < maxAttempts && e is not OperationCanceledException)
            {
                logger.LogWarning("State write failed (attempt {Attempt}): {Error}", attempt, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt));
            }
        }
    }

    /// <summary>
    /// True when storage holds exactly <paramref name="attempted"/>: then its ETag becomes ours. The in-memory state
    /// is kept either way (it may already hold changes made after the attempt, which the next write stores).
    /// </summary>
    private static async Task<bool> HoldsAsync<T>(IPersistentState<T> state, string? attempted)
    {
        var mine = state.State;
        try
        {
            await state.ReadStateAsync();
            return JsonSerializer.Serialize(state.State, Snapshot) == attempted;
        }
        finally
        {
            state.State = mine;
        }
    }
}
