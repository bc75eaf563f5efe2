using System.Text.RegularExpressions;

namespace OrleansSweep.Silo.Tests.Fixtures;

/// <summary>
/// What the silo processes of a test logged (every <c>silo*.log</c> in its folder, each incarnation's file): the leases
/// coordinators let expire, one warning per lease, and the trials slots could not start.
/// </summary>
public static partial class SiloLogs
{
    public static IReadOnlyList<ExpiredLease> ExpiredLeases(string directory, string sweepId) =>
        Lines(directory)
            .Select(line => Expiry().Match(line))
            .Where(m => m.Success && m.Groups["sweep"].Value == sweepId)
            .Select(m => new ExpiredLease(long.Parse(m.Groups["trial"].Value), int.Parse(m.Groups["attempt"].Value),
                m.Groups["slot"].Value, m.Groups["reason"].Value))
            .Distinct()   // a coordinator that died before writing its expiry expires the lease again when it comes back
            .ToList();

    /// <summary>Runs that failed because of the cluster, each handed back by its slot.</summary>
    public static int FailedStarts(string directory) => Lines(directory).Count(line => line.Contains(": could not start trial "));

    private static IEnumerable<string> Lines(string directory) =>
        Directory.EnumerateFiles(directory, "silo*.log").SelectMany(file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd().Split('\n');
        }).ToList();

    [GeneratedRegex(@"Sweep (?<sweep>\S+): lease of trial (?<trial>\d+) attempt (?<attempt>\d+) on slot (?<slot>\S+) expired \((?<reason>[^)]+)\)")]
    private static partial Regex Expiry();
}

/// <summary>A lease a coordinator let expire: its trial, attempt, slot (<c>silo#n</c>) and why (its silo dead, or no heartbeat).</summary>
public sealed record ExpiredLease(long Trial, int Attempt, string Slot, string Reason)
{
    /// <summary>The slot's silo, as <c>host:port@generation</c>.</summary>
    public string Silo => Slot[..Slot.LastIndexOf('#')];
}
