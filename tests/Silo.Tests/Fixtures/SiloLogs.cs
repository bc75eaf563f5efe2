using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansSweep.Silo.Tests.Fixtures;

/// <summary>
/// What the silo processes of a test logged (every <c>silo*.log</c> in its folder, one file per incarnation): the leases
/// coordinators let expire, one warning per lease, and the claims and starts that slots saw fail.
/// </summary>
public static partial class SiloLogs
{
    /// <summary>The console logger's timestamp on each entry of a silo process (<see cref="SiloProcess"/> sets it).</summary>
    public const string TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fff ";

    public static IReadOnlyList<ExpiredLease> ExpiredLeases(string directory, string sweepId) =>
        Entries(directory)
            .Select(entry => (entry.At, Match: Expiry().Match(entry.Message)))
            .Where(e => e.Match.Success && e.Match.Groups["sweep"].Value == sweepId)
            .Select(e => new ExpiredLease(e.At, long.Parse(e.Match.Groups["trial"].Value), int.Parse(e.Match.Groups["attempt"].Value),
                e.Match.Groups["slot"].Value, e.Match.Groups["reason"].Value))
            // A coordinator that died before writing its expiry expires the lease again when it comes back: the first counts.
            .GroupBy(e => (e.Trial, e.Attempt))
            .Select(g => g.MinBy(e => e.At)!)
            .ToList();

    /// <summary>Claims and starts (Runs) that failed, by slot, with the time each was logged (UTC).</summary>
    public static IReadOnlyList<SlotFailure> SlotFailures(string directory) =>
        Entries(directory)
            .Select(entry => (entry.At, Match: SlotFailure().Match(entry.Message)))
            .Where(e => e.Match.Success)
            .Select(e => new SlotFailure(e.At, e.Match.Groups["slot"].Value, e.Match.Groups["what"].Value == "could not start trial"))
            .ToList();

    /// <summary>The most failures any one slot logged within <paramref name="window"/>: a slot that spins shows many.</summary>
    public static int MostFailuresOfASlotWithin(IReadOnlyList<SlotFailure> failures, TimeSpan window) =>
        failures.GroupBy(f => f.Slot)
            .Select(slot => slot.Select(f => f.At).Order().ToList())
            .Select(times => times.Select((t, i) => times.Skip(i).TakeWhile(u => u - t < window).Count()).DefaultIfEmpty(0).Max())
            .DefaultIfEmpty(0)
            .Max();

    /// <summary>Log entries: a timestamped header line (<c>time level: category[id]</c>), then the message's first line.</summary>
    private static IEnumerable<(DateTime At, string Message)> Entries(string directory)
    {
        var entries = new List<(DateTime, string)>();
        foreach (var file in Directory.EnumerateFiles(directory, "silo*.log"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            DateTime? at = null;
            foreach (var line in new StreamReader(stream).ReadToEnd().Split('\n'))
            {
                if (Header().Match(line) is { Success: true } header)
                    at = DateTime.ParseExact(header.Groups["time"].Value, TimestampFormat.Trim(), CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeLocal | DateTimeStyles.AdjustToUniversal);
                else if (at is { } time)
                {
                    entries.Add((time, line.Trim()));
                    at = null;
                }
            }
        }
        return entries;
    }

    [GeneratedRegex(@"^(?<time>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}) \w+: ")]
    private static partial Regex Header();

    [GeneratedRegex(@"Sweep (?<sweep>\S+): lease of trial (?<trial>\d+) attempt (?<attempt>\d+) on slot (?<slot>\S+) expired \((?<reason>[^)]+)\)")]
    private static partial Regex Expiry();

    [GeneratedRegex(@"^Slot (?<slot>\S+): (?<what>could not start trial|claim failed)")]
    private static partial Regex SlotFailure();
}

/// <summary>A lease a coordinator let expire: when (UTC), its trial, attempt, slot (<c>silo#n</c>) and why (its silo dead,
/// or no heartbeat).</summary>
public sealed record ExpiredLease(DateTime At, long Trial, int Attempt, string Slot, string Reason)
{
    /// <summary>The slot's silo, as <c>host:port@generation</c>.</summary>
    public string Silo => Slot[..Slot.LastIndexOf('#')];
}

/// <summary>A claim (or, <see cref="Start"/>, a Run) that failed on a slot.</summary>
public sealed record SlotFailure(DateTime At, string Slot, bool Start);
