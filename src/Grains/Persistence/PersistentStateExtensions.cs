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
    /// told apart by reading what storage holds: one of our own earlier attempts landed although it reported an
    /// error (storage holds exactly what that attempt wrote: adopt its ETag, done), or another activation of this grain wrote
    /// (a duplicate during membership churn): then this activation is stale, must not overwrite the newer
    /// state, and deactivates; the write fails, so nothing it had not yet made durable was acknowledged.
    /// </summary>
    public static async Task WriteWithRecoveryAsync<T>(this IPersistentState<T> state, IGrainBase owner, ILogger logger, int maxAttempts = 8)
    {
        // Once stale, never write again: storage now holds an ETag that would let this activation overwrite.
        if (Stale.TryGetValue(state, out _)) throw new StaleStateException(owner.GrainContext.GrainId);
        var attempted = new List<string>();   // every snapshot tried: any may have landed although it reported an error
        var conflict = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (conflict)
                {
                    if (await HoldsAsync(state, attempted)) return;   // a read that fails is retried like a write
                    logger.LogWarning("State write refused: another activation of {Grain} wrote newer state; this one deactivates", owner.GrainContext.GrainId);
                    Stale.AddOrUpdate(state, owner);
                    owner.GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "stale state: another activation wrote"));
                    throw new StaleStateException(owner.GrainContext.GrainId);
                }
                attempted.Add(JsonSerializer.Serialize(state.State, Snapshot));   // what this attempt stores
                await state.WriteStateAsync();
                return;
            }
            catch (InconsistentStateException e) when (attempt < maxAttempts && e is not StaleStateException)
            {
                conflict = true;
            }
            catch (Exception e) when (attempt < maxAttempts && e is not (OperationCanceledException or StaleStateException))
            {
                logger.LogWarning("State write failed (attempt {Attempt}): {Error}", attempt, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt));
            }
        }
    }

    /// <summary>
    /// True when storage holds exactly one of the <paramref name="attempted"/> snapshots: then its ETag becomes ours.
    /// Each snapshot holds every change of the callers waiting on this write (they changed state before it began),
    /// so any of them landing makes those changes durable. The in-memory state is kept either way (it may hold
    /// later changes, which the next write stores).
    /// </summary>
    private static async Task<bool> HoldsAsync<T>(IPersistentState<T> state, List<string> attempted)
    {
        var mine = state.State;
        try
        {
            await state.ReadStateAsync();
            return attempted.Contains(JsonSerializer.Serialize(state.State, Snapshot));
        }
        finally
        {
            state.State = mine;
        }
    }
}

/// <summary>This activation's state was overwritten by another activation of the same grain: it must not write.</summary>
public sealed class StaleStateException(GrainId grain)
    : InconsistentStateException($"{grain}: another activation wrote newer state; this activation is stale and deactivates");
