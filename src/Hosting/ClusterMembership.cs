using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using OrleansSweep.Grains;

namespace OrleansSweep.Hosting;

/// <summary>
/// How soon a cluster declares a silo that died (kill -9, power loss) dead: Orleans' <see cref="ClusterMembershipOptions"/>
/// with this product's defaults, overridden by configuration section <c>Orleans:Membership</c> (cluster mode). Until a
/// dead silo is declared dead, its leases are held and calls routed through it fail, so this bounds the time to recover
/// its trials (docs/operations.md, "When a silo dies").
/// </summary>
public static class ClusterMembership
{
    public const string Section = "Orleans:Membership";

    /// <summary>
    /// Orleans' defaults (ProbeTimeout 5 s, TableRefreshTimeout 60 s, IAmAliveTablePublishTimeout 30 s, votes expiring after
    /// 2 min) let a dead silo hold its work for ~15 s at best and a minute when gossip is missed; these make it ~3 s on a
    /// LAN: probes every second (up to 4 s, as Orleans adapts them to observed latency and local load), three missed in a
    /// row (the last one through another silo) to suspect, two votes to declare.
    /// </summary>
    public static void ApplyDefaults(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedProbesLimit = 3;
        options.NumVotesForDeathDeclaration = 2;
        options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
        options.TableRefreshTimeout = TimeSpan.FromSeconds(5);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
    }

    /// <summary>The defaults with <c>Orleans:Membership</c> applied; a value that does not parse or is out of range is a
    /// <see cref="ConfigurationError"/>.</summary>
    public static ClusterMembershipOptions From(IConfiguration configuration)
    {
        var options = new ClusterMembershipOptions();
        Configure(options, configuration);
        return options;
    }

    public static void Configure(ClusterMembershipOptions options, IConfiguration configuration)
    {
        ApplyDefaults(options);
        var section = configuration.GetSection(Section);
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new ConfigurationError($"{Section}: {e.Message}");
        }
        Positive(options.ProbeTimeout, nameof(options.ProbeTimeout));
        Positive(options.TableRefreshTimeout, nameof(options.TableRefreshTimeout));
        Positive(options.IAmAliveTablePublishTimeout, nameof(options.IAmAliveTablePublishTimeout));
        Positive(options.DeathVoteExpirationTimeout, nameof(options.DeathVoteExpirationTimeout));
        AtLeastOne(options.NumMissedProbesLimit, nameof(options.NumMissedProbesLimit));
        AtLeastOne(options.NumVotesForDeathDeclaration, nameof(options.NumVotesForDeathDeclaration));
        if (options.MaxProbeTimeout < options.ProbeTimeout)
            throw new ConfigurationError($"{Section}:{nameof(options.MaxProbeTimeout)}: must be at least ProbeTimeout ({options.ProbeTimeout}), got {options.MaxProbeTimeout}");
    }

    /// <summary>
    /// The longest the membership takes to declare a dead silo dead and every silo to know: its probes missed
    /// <see cref="ClusterMembershipOptions.NumMissedProbesLimit"/> times at the longest probe timeout, then one table
    /// refresh for a silo that missed the gossip. (Other silos vote meanwhile.) 1 s probes: 3 × 4 s + 5 s = 17 s.
    /// </summary>
    public static TimeSpan DeathDetection(ClusterMembershipOptions options) =>
        options.MaxProbeTimeout * options.NumMissedProbesLimit + options.TableRefreshTimeout;

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero) throw new ConfigurationError($"{Section}:{name}: must be positive, got {value}");
    }

    private static void AtLeastOne(int value, string name)
    {
        if (value < 1) throw new ConfigurationError($"{Section}:{name}: must be 1 or more, got {value}");
    }
}
