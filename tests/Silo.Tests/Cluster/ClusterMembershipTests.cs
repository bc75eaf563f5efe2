using Microsoft.Extensions.Configuration;
using OrleansSweep.Grains;
using OrleansSweep.Hosting;

namespace OrleansSweep.Silo.Tests.Cluster;

/// <summary>Cluster mode's failure detection: the product's defaults, Orleans:Membership over them, one-line errors.</summary>
public sealed class ClusterMembershipTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create($"Orleans:Membership:{v.Key}", (string?)v.Value))).Build();

    [Fact]
    public void The_defaults_declare_a_dead_silo_dead_within_17_seconds()
    {
        var options = ClusterMembership.From(Settings());
        Assert.Equal((TimeSpan.FromSeconds(1), 3, 2), (options.ProbeTimeout, options.NumMissedProbesLimit, options.NumVotesForDeathDeclaration));
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)),
            (options.TableRefreshTimeout, options.IAmAliveTablePublishTimeout, options.DeathVoteExpirationTimeout));
        Assert.Equal(TimeSpan.FromSeconds(4), options.MaxProbeTimeout);                  // Orleans' 4 × ProbeTimeout
        Assert.Equal(TimeSpan.FromSeconds(17), ClusterMembership.DeathDetection(options));
    }

    [Fact]
    public void Settings_override_the_defaults_and_move_the_bound()
    {
        var options = ClusterMembership.From(Settings(("ProbeTimeout", "00:00:05"), ("TableRefreshTimeout", "00:01:00")));
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20)), (options.ProbeTimeout, options.MaxProbeTimeout));
        Assert.Equal(TimeSpan.FromSeconds(3 * 20 + 60), ClusterMembership.DeathDetection(options));
    }

    [Theory]
    [InlineData("ProbeTimeout", "soon", "Orleans:Membership: ")]
    [InlineData("ProbeTimeout", "00:00:00", "Orleans:Membership:ProbeTimeout: must be positive, got 00:00:00")]
    [InlineData("NumMissedProbesLimit", "0", "Orleans:Membership:NumMissedProbesLimit: must be 1 or more, got 0")]
    [InlineData("MaxProbeTimeout", "00:00:00.500", "Orleans:Membership:MaxProbeTimeout: must be at least ProbeTimeout (00:00:01), got 00:00:00.5000000")]
    public void A_bad_value_is_a_one_line_error_naming_the_setting(string key, string value, string expected)
    {
        var error = Assert.Throws<ConfigurationError>(() => ClusterMembership.From(Settings((key, value))));
        Assert.StartsWith(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
