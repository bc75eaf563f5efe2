using System.ComponentModel;
using Spectre.Console.Cli;

namespace OrleansSweep.Client.Sweeps;

/// <summary>
/// Where a sweep lives, shared by every command that talks to sweeps: an embedded state folder (default), or a
/// cluster found through Redis (<c>--cluster</c>) or a gateway list (<c>--gateway</c>). Each option also reads
/// an environment variable, so scripts can set the target once.
/// </summary>
public class SweepLocationSettings : CommandSettings
{
    public const string DefaultStateDir = ".orleans-sweep";
    public const string ConnectTimeoutVariable = "ORLEANS_SWEEP_CONNECT_TIMEOUT";
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);

    [CommandOption("--state-dir <DIR>")]
    [Description("Embedded sweeps: the folder holding state.db and checkpoints (env ORLEANS_SWEEP_STATE_DIR; default ./.orleans-sweep)")]
    public string? StateDirOption { get; init; }

    [CommandOption("--cluster <REDIS>")]
    [Description("A cluster: the StackExchange.Redis connection string its silos use (env ORLEANS_SWEEP_CLUSTER; password from ORLEANS_SWEEP_REDIS_PASSWORD)")]
    public string? ClusterOption { get; init; }

    [CommandOption("--gateway <HOST:PORT>")]
    [Description("A cluster by gateway address instead of Redis; repeat for several (env ORLEANS_SWEEP_GATEWAYS, comma-separated)")]
    public string[] GatewayOption { get; init; } = [];

    [CommandOption("--service-id <ID>")]
    [Description("The cluster's Orleans service id (env ORLEANS_SWEEP_SERVICE_ID; default orleans-sweep)")]
    public string? ServiceIdOption { get; init; }

    [CommandOption("--cluster-id <ID>")]
    [Description("The cluster's Orleans cluster id (env ORLEANS_SWEEP_CLUSTER_ID; default orleans-sweep)")]
    public string? ClusterIdOption { get; init; }

    [CommandOption("--tls-cert <PFX>")]
    [Description("A cluster with TLS: the cluster's certificate (.pfx; env ORLEANS_SWEEP_TLS_CERT; its password from ORLEANS_SWEEP_TLS_PASSWORD)")]
    public string? TlsCertificateOption { get; init; }

    [CommandOption("--connect-timeout <SECONDS>")]
    [Description("How long to try reaching the cluster, or the process running an embedded folder, before giving up (env ORLEANS_SWEEP_CONNECT_TIMEOUT; default 10)")]
    public double? ConnectTimeoutOption { get; init; }

    public string StateDir => ResolveStateDir(StateDirOption);

    /// <summary>--connect-timeout, else ORLEANS_SWEEP_CONNECT_TIMEOUT, else 10 s (Validate has checked both).</summary>
    public TimeSpan ConnectTimeout =>
        ConnectTimeoutOption is { } seconds ? TimeSpan.FromSeconds(seconds)
        : Environment.GetEnvironmentVariable(ConnectTimeoutVariable) is { Length: > 0 } text ? TimeSpan.FromSeconds(Seconds(text) ?? 0)
        : DefaultConnectTimeout;

    private const double MaxConnectSeconds = 86_400;

    private static bool IsConnectTimeout(double seconds) => seconds > 0 && seconds <= MaxConnectSeconds;

    private static double? Seconds(string text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s)
        && IsConnectTimeout(s) ? s : null;

    /// <summary>--state-dir, else ORLEANS_SWEEP_STATE_DIR, else ./.orleans-sweep (run uses it too).</summary>
    public static string ResolveStateDir(string? option) =>
        option ?? Environment.GetEnvironmentVariable("ORLEANS_SWEEP_STATE_DIR") ?? DefaultStateDir;

    public string? Cluster => ClusterOption ?? Environment.GetEnvironmentVariable("ORLEANS_SWEEP_CLUSTER");

    public IReadOnlyList<string> Gateways => GatewayOption.Length > 0
        ? GatewayOption
        : (Environment.GetEnvironmentVariable("ORLEANS_SWEEP_GATEWAYS") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string ServiceId => ServiceIdOption ?? Environment.GetEnvironmentVariable("ORLEANS_SWEEP_SERVICE_ID") ?? "orleans-sweep";

    public string ClusterId => ClusterIdOption ?? Environment.GetEnvironmentVariable("ORLEANS_SWEEP_CLUSTER_ID") ?? "orleans-sweep";

    /// <summary>The cluster as the silos' own settings describe it (ids, Redis, TLS), for the Orleans client.</summary>
    public Hosting.HostingOptions ClusterHosting => new()
    {
        Mode = "cluster",
        Redis = Cluster,
        ClusterId = ClusterId,
        ServiceId = ServiceId,
        Tls = new Hosting.TlsSettings
        {
            CertificatePath = TlsCertificateOption ?? Environment.GetEnvironmentVariable("ORLEANS_SWEEP_TLS_CERT"),
            Password = Environment.GetEnvironmentVariable("ORLEANS_SWEEP_TLS_PASSWORD"),
        },
    };

    public bool IsCluster => Cluster is not null || Gateways.Count > 0;

    public override Spectre.Console.ValidationResult Validate()
    {
        if (ClusterOption is not null && GatewayOption.Length > 0)
            return Spectre.Console.ValidationResult.Error("--gateway: give either --cluster or --gateway, not both");
        if (IsCluster && StateDirOption is not null)
            return Spectre.Console.ValidationResult.Error("--state-dir: a cluster sweep has no state folder; drop --state-dir or --cluster");
        foreach (var gateway in Gateways)
            if (!GatewayAddress.TryParse(gateway, out _))
                return Spectre.Console.ValidationResult.Error($"--gateway: '{gateway}' is not HOST:PORT");
        if (ConnectTimeoutOption is { } seconds && !IsConnectTimeout(seconds))
            return Spectre.Console.ValidationResult.Error($"--connect-timeout: must be more than 0 and at most {MaxConnectSeconds} seconds, got {seconds}");
        if (ConnectTimeoutOption is null && Environment.GetEnvironmentVariable(ConnectTimeoutVariable) is { Length: > 0 } text && Seconds(text) is null)
            return Spectre.Console.ValidationResult.Error($"{ConnectTimeoutVariable}: must be more than 0 and at most {MaxConnectSeconds} seconds, got '{text}'");
        return Spectre.Console.ValidationResult.Success();
    }
}
