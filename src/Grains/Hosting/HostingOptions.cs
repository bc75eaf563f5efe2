namespace OrleansSweep.Grains.Hosting;

/// <summary>How a silo is hosted: configuration section <c>Orleans</c> (appsettings, environment, command line).</summary>
public sealed class HostingOptions
{
    public const string Section = "Orleans";

    /// <summary>embedded (one machine: localhost clustering, SQLite state) or cluster (Redis).</summary>
    public string Mode { get; set; } = "embedded";

    /// <summary>Embedded mode: the folder holding state.db and checkpoints/.</summary>
    public string StateDirectory { get; set; } = ".orleans-sweep";

    /// <summary>Cluster mode: a StackExchange.Redis connection string (the password belongs in the environment).</summary>
    public string? Redis { get; set; }

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

    public bool IsCluster => string.Equals(Mode, "cluster", StringComparison.OrdinalIgnoreCase);
}
