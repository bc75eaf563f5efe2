using OrleansSweep.Silo.Tests.Fixtures;

namespace OrleansSweep.Silo.Tests.Deploy;

/// <summary>deploy/'s files, parsed: the compose file, the Kubernetes documents by kind and name, the Dockerfiles.</summary>
public sealed class DeployFiles
{
    public Yaml Compose { get; } = Yaml.Load(RepoPaths.Deploy("docker-compose.yml"));

    public IReadOnlyList<Yaml> Kubernetes { get; } = Directory.GetFiles(RepoPaths.Deploy("k8s"), "*.yaml").Order()
        .SelectMany(Yaml.LoadAll).Where(d => d.Value is not null).ToList();

    public Yaml Service(string name) => Compose["services"][name];

    public Yaml K8s(string kind, string name) =>
        Kubernetes.SingleOrDefault(d => d["kind"].Text == kind && d["metadata"]["name"].Text == name)
        ?? throw new KeyNotFoundException($"deploy/k8s: no {kind} named {name}");

    public IEnumerable<Yaml> K8sOfKind(string kind) => Kubernetes.Where(d => d["kind"].Text == kind);

    public static Yaml Container(Yaml workload) => workload["spec"]["template"]["spec"]["containers"].Items.Single();

    /// <summary>The value of an environment entry of a container (literal values only).</summary>
    public static string? Env(Yaml container, string name) =>
        container.TryGet("env")?.Items.SingleOrDefault(e => e["name"].Text == name)?.TryGet("value")?.Text;

    /// <summary>The ports a Dockerfile EXPOSEs.</summary>
    public static IReadOnlyList<int> Exposed(string dockerfile) => File.ReadLines(RepoPaths.Deploy(dockerfile))
        .Where(l => l.StartsWith("EXPOSE ")).SelectMany(l => l[7..].Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(int.Parse).ToList();

    /// <summary>The names a Dockerfile sets with ENV (the NAME=value form, one or more per instruction).</summary>
    public static IReadOnlyList<string> EnvNames(string dockerfile) => EnvValues(dockerfile).Keys.ToList();

    /// <summary>What a Dockerfile sets with ENV (the NAME=value form, one or more per instruction).</summary>
    public static IReadOnlyDictionary<string, string> EnvValues(string dockerfile)
    {
        var text = File.ReadAllText(RepoPaths.Deploy(dockerfile)).Replace("\\\n", " ");
        return text.Split('\n').Where(l => l.StartsWith("ENV "))
            .SelectMany(l => l[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(a => a.Split('=')[0], a => a[(a.IndexOf('=') + 1)..]);
    }

    /// <summary>The port of a URL such as http://*:9464.</summary>
    public static int PortOf(string url) => int.Parse(url[(url.LastIndexOf(':') + 1)..].TrimEnd('/'));
}
