using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Client.Output;

/// <summary>Machine-readable sweep output (<c>--json</c>): camelCase, enums as lower-case text.</summary>
public static class SweepJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Of<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>A status with its counts keyed by state name and the fields scripts want first.</summary>
    public static string Status(SweepStatus s) => Of(new
    {
        sweepId = s.SweepId,
        phase = s.Phase,
        trials = s.Trials,
        done = SweepStatusView.Done(s),
        counts = Enum.GetValues<TrialStatus>().ToDictionary(t => t.ToString().ToLowerInvariant(), t => SweepStatusView.Count(s, t))
            .Append(new("claimed", s.Claimed)).ToDictionary(),   // claimed ahead: held by a busy slot, not training yet
        progress = s.Progress,
        etaSeconds = s.Eta?.TotalSeconds,
        trialsPerHour = s.TrialsPerHour > 0 ? s.TrialsPerHour : (double?)null,   // null, like etaSeconds, until measured
        retries = s.Retries,
        interruptions = s.Interruptions,
        leaseExpiries = s.LeaseExpiries,
        arms = s.Arms,
        running = s.Running,
    });
}
