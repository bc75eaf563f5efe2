using Microsoft.Extensions.Configuration;

namespace OrleansSweep.Hosting;

/// <summary>How a silo is hosted: configuration section <c>Orleans</c> (appsettings, environment, command line).</summary>
public sealed class HostingOptions
{
    public const string Section = "Orleans";

    /// <summary>embedded (one machine: localhost clustering, SQLite state) or cluster (Redis).</summary>
    public string Mode { get; set; } = "embedded";

    /// <summary>Embedded mode: the folder holding state.db and checkpoints/.</summary>
    public string StateDirectory { get; set; } = ".orleans-sweep";

    /// <summary>
    /// Cluster mode: a StackExchange.Redis connection string without the password, which comes from
    /// <see cref="RedisConnection.PasswordVariable"/> or <see cref="RedisPasswordFile"/>.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>A file holding the Redis password (a mounted secret); the environment variable wins when both are set.</summary>
    public string? RedisPasswordFile { get; set; }

    public string ClusterId { get; set; } = "orleans-sweep";

    /// <summary>Part of every storage and reminder key: keep it stable across deployments.</summary>
    public string ServiceId { get; set; } = "orleans-sweep";

    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Embedded mode only: a silo opened to read or steer a stopped sweep (the CLI's list, status, results,
    /// cancel…). It trains nothing and resumes nothing; trial grains still activate to serve their history.
    /// </summary>
    public bool QueryOnly { get; set; }

    /// <summary>
    /// Cluster mode: the IP address or host name other silos and clients reach this silo at (a pod IP, a
    /// container's host name). Unset: the machine's first non-loopback address. The silo listens on every interface.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>TLS for silo-to-silo and client-to-gateway connections; off unless a certificate is configured.</summary>
    public TlsSettings Tls { get; set; } = new();

    public bool IsCluster => string.Equals(Mode, "cluster", StringComparison.OrdinalIgnoreCase);

    public static HostingOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<HostingOptions>() ?? new HostingOptions();
}
