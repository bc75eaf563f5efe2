using Microsoft.Extensions.Configuration;
using OrleansSweep.Silo.Tests.Fixtures;
using static OrleansSweep.Silo.Tests.Deploy.DeployFiles;

namespace OrleansSweep.Silo.Tests.Deploy;

/// <summary>
/// Docker is not available here, so deploy/'s files are checked by parsing them: the compose file and the Kubernetes
/// manifests have what a cluster needs, agree with each other on images, ports, ids and secrets, and set only
/// settings the silo actually reads.
/// </summary>
public sealed class DeployFilesTests
{
    private const string CpuImage = "orleans-sweep-silo:latest";
    private const string GpuImage = "orleans-sweep-silo-cuda:latest";
    private readonly DeployFiles _files = new();

    [Fact]
    public void Compose_has_Redis_with_AOF_two_CPU_silos_a_GPU_profile_Prometheus_and_Grafana()
    {
        Assert.Contains("--appendonly yes", _files.Service("redis")["command"].Items.Last().Text);
        foreach (var silo in new[] { "silo1", "silo2" })
        {
            var service = _files.Service(silo);
            Assert.Equal(CpuImage, service["image"].Text);
            Assert.Equal("deploy/Dockerfile", service["build"]["dockerfile"].Text);
            Assert.False(service.Has("profiles"), $"{silo} must start without a profile");
            Assert.Equal(silo, service["environment"]["Orleans__AdvertisedAddress"].Text);
            Assert.Equal("cpu", service["environment"]["Slots__Devices"].Text);
            AssertPlans(service["environment"], $"compose {silo}", visibleCuda: 0, slots: 1);
        }
        var gpu = _files.Service("silo-gpu");
        Assert.Equal(["gpu"], gpu["profiles"].Items.Select(p => p.Text));
        Assert.Equal(GpuImage, gpu["image"].Text);
        Assert.Equal("deploy/Dockerfile.cuda", gpu["build"]["dockerfile"].Text);
        // Every GPU it is given, packing set explicitly, the count left to follow from them.
        Assert.Equal("auto", gpu["environment"]["Slots__Devices"].Text);
        Assert.True(gpu["environment"].Has("Slots__PerDevice"), "compose silo-gpu: packing not set");
        Assert.False(gpu["environment"].Has("Slots__Count"), "compose silo-gpu: a fixed count would not follow the GPUs");
        AssertPlans(gpu["environment"], "compose silo-gpu", visibleCuda: 3, slots: 3 * int.Parse(gpu["environment"]["Slots__PerDevice"].Text));
        var device = gpu["deploy"]["resources"]["reservations"]["devices"].Items.Single();
        Assert.Equal("nvidia", device["driver"].Text);
        Assert.Contains("gpu", device["capabilities"].Items.Select(c => c.Text));
        Assert.True(device["count"].Text == "all" || int.Parse(device["count"].Text) > 0, "compose silo-gpu: GPUs are reserved by count");
        Assert.False(device.Has("device_ids"), "compose silo-gpu: GPUs are reserved by count, not by id");
        var cuda = EnvValues("Dockerfile.cuda");
        Assert.Equal("auto", cuda["Slots__Devices"]);
        Assert.True(int.Parse(cuda["Slots__PerDevice"]) >= 1, "Dockerfile.cuda: packing not set");
        Assert.DoesNotContain("Slots__Count", cuda.Keys);

        foreach (var dockerfile in new[] { "Dockerfile", "Dockerfile.cuda" })
            Assert.True(File.Exists(RepoPaths.Deploy(dockerfile)), $"deploy/{dockerfile} missing");
        Assert.Contains("-p:TorchBackend=cuda-linux", File.ReadAllText(RepoPaths.Deploy("Dockerfile.cuda")));
        // Ubuntu 24.04 images: TorchSharp needs GCC 13+'s libstdc++, which Debian 12 (the default tag) lacks.
        Assert.All(new[] { "Dockerfile", "Dockerfile.cuda" }.SelectMany(f => File.ReadLines(RepoPaths.Deploy(f))).Where(l => l.StartsWith("FROM ")),
            from => Assert.Contains("-noble", from));

        // Prometheus and Grafana mount deploy/'s own files.
        var mounts = new[] { "prometheus", "grafana" }.SelectMany(s => _files.Service(s)["volumes"].Items).Select(v => v.Text.Split(':')[0]);
        Assert.All(mounts, source => Assert.True(Directory.Exists(RepoPaths.Deploy(source)), $"compose mounts {source}, which deploy/ lacks"));
    }

    [Fact]
    public void Prometheus_scrapes_the_compose_silos_on_their_metrics_port()
    {
        var prometheus = Yaml.Load(RepoPaths.Deploy("prometheus", "prometheus.yml"));
        var targets = prometheus["scrape_configs"].Items.Single(j => j["job_name"].Text == "orleans-sweep")["static_configs"]
            .Items.SelectMany(c => c["targets"].Items).Select(t => t.Text).Order();
        var silos = new[] { "silo1", "silo2" }.Select(s => $"{s}:{PortOf(_files.Service(s)["environment"]["Metrics__Urls"].Text)}");
        Assert.Equal(silos, targets);
    }

    [Fact]
    public void Every_setting_in_compose_k8s_and_the_Dockerfiles_is_one_the_silo_reads()
    {
        var compose = _files.Compose["services"].Entries.Where(s => s.Key.StartsWith("silo"))
            .SelectMany(s => s.Value["environment"].Entries.Keys.Select(k => (Where: $"compose {s.Key}", Name: k)));
        var configMap = _files.K8s("ConfigMap", "orleans-sweep")["data"].Entries.Keys.Select(k => (Where: "k8s ConfigMap", Name: k));
        var containers = _files.K8sOfKind("Deployment").SelectMany(d =>
            Container(d)["env"].Items.Select(e => (Where: $"k8s {d["metadata"]["name"].Text}", Name: e["name"].Text)));
        var dockerfiles = new[] { "Dockerfile", "Dockerfile.cuda" }.SelectMany(f => EnvNames(f).Select(n => (Where: f, Name: n)));

        var all = compose.Concat(configMap).Concat(containers).Concat(dockerfiles).ToList();
        Assert.True(all.Count > 30, "too few settings found: the parsing is broken");
        var unknown = all.Where(s => SiloSettings.IsSetting(s.Name) && !SiloSettings.Names.Contains(s.Name)).ToList();
        Assert.True(unknown.Count == 0, $"settings the silo does not read: {string.Join(", ", unknown)}");
        var others = all.Where(s => !SiloSettings.IsSetting(s.Name)).Select(s => s.Name).Distinct().Order();
        Assert.Equal(["CUBLAS_WORKSPACE_CONFIG", "NVIDIA_DRIVER_CAPABILITIES", "NVIDIA_VISIBLE_DEVICES", "POD_IP", "POD_NAME", "POD_NAMESPACE"], others);
    }

    [Fact]
    public void Images_ports_ids_and_probes_agree_between_compose_k8s_and_the_Dockerfiles()
    {
        var environment = _files.Service("silo1")["environment"];
        var (siloPort, gatewayPort) = (int.Parse(environment["Orleans__SiloPort"].Text), int.Parse(environment["Orleans__GatewayPort"].Text));
        var metricsPort = PortOf(environment["Metrics__Urls"].Text);
        var config = _files.K8s("ConfigMap", "orleans-sweep")["data"];
        Assert.Equal((siloPort, gatewayPort, metricsPort),
            (int.Parse(config["Orleans__SiloPort"].Text), int.Parse(config["Orleans__GatewayPort"].Text), PortOf(config["Metrics__Urls"].Text)));
        Assert.Equal((environment["Orleans__ClusterId"].Text, environment["Orleans__ServiceId"].Text),
            (config["Orleans__ClusterId"].Text, config["Orleans__ServiceId"].Text));
        Assert.All(new[] { "Dockerfile", "Dockerfile.cuda" }, f => Assert.Equal([siloPort, gatewayPort, metricsPort], Exposed(f)));

        foreach (var (name, image, device) in new[] { ("orleans-sweep-silo", CpuImage, "cpu"), ("orleans-sweep-silo-gpu", GpuImage, "auto") })
        {
            var deployment = _files.K8s("Deployment", name);
            var pod = deployment["spec"]["template"];
            var container = Container(deployment);
            Assert.Equal(image, container["image"].Text);
            Assert.Equal(device, Env(container, "Slots__Devices"));
            Assert.Equal("orleans-sweep", container["envFrom"].Items.Single()["configMapRef"]["name"].Text);
            var ports = container["ports"].Items.ToDictionary(p => p["name"].Text, p => int.Parse(p["containerPort"].Value!.ToString()!));
            Assert.Equal(new Dictionary<string, int> { ["silo"] = siloPort, ["gateway"] = gatewayPort, ["metrics"] = metricsPort }, ports);
            // Orleans' Kubernetes conventions: the ids as pod labels; the pod IP as the advertised address.
            Assert.Equal(config["Orleans__ServiceId"].Text, pod["metadata"]["labels"]["orleans/serviceId"].Text);
            Assert.Equal(config["Orleans__ClusterId"].Text, pod["metadata"]["labels"]["orleans/clusterId"].Text);
            Assert.Equal("$(POD_IP)", Env(container, "Orleans__AdvertisedAddress"));
            var annotations = pod["metadata"]["annotations"];
            Assert.Equal(("true", metricsPort.ToString(), "/metrics"),
                (annotations["prometheus.io/scrape"].Text, annotations["prometheus.io/port"].Text, annotations["prometheus.io/path"].Text));
            Assert.Equal(("/readyz", "metrics"), (container["readinessProbe"]["httpGet"]["path"].Text, container["readinessProbe"]["httpGet"]["port"].Text));
            Assert.Equal("/healthz", container["livenessProbe"]["httpGet"]["path"].Text);
            AssertVolumesExist(pod["spec"]);
        }
        // A GPU pod may request several GPUs and trains on each: its slots follow from the GPUs and the packing.
        var gpuContainer = Container(_files.K8s("Deployment", "orleans-sweep-silo-gpu"));
        var gpus = int.Parse(gpuContainer["resources"]["limits"]["nvidia.com/gpu"].Value!.ToString()!);
        Assert.True(gpus > 1, "the GPU Deployment should show a pod with several GPUs");
        Assert.Null(Env(gpuContainer, "Slots__Count"));
        var perDevice = int.Parse(Env(gpuContainer, "Slots__PerDevice")!);
        AssertPlans(gpuContainer["env"].Items.Where(e => e.Has("value")).ToDictionary(e => e["name"].Text, e => e["value"].Text),
            "k8s orleans-sweep-silo-gpu", visibleCuda: gpus, slots: gpus * perDevice);
        Assert.False(Container(_files.K8s("Deployment", "orleans-sweep-silo"))["resources"]["limits"].Has("nvidia.com/gpu"));

        // The silos' Redis address is the Redis Service.
        var redis = _files.K8s("Service", "redis")["spec"]["ports"].Items.Single();
        Assert.Equal($"redis:{redis["port"].Value}", config["Orleans__Redis"].Text);
        Assert.Equal("redis:6379", environment["Orleans__Redis"].Text);
    }

    [Fact]
    public void The_Redis_password_comes_from_one_secret_and_from_no_committed_setting()
    {
        var secret = _files.K8s("Secret", "orleans-sweep-redis");
        var key = secret["stringData"].Entries.Keys.Single();
        foreach (var deployment in _files.K8sOfKind("Deployment"))
        {
            var container = Container(deployment);
            var passwordFile = Env(container, "Orleans__RedisPasswordFile")!;
            var mount = container["volumeMounts"].Items.Single(m => passwordFile.StartsWith(m["mountPath"].Text + "/"));
            var volume = deployment["spec"]["template"]["spec"]["volumes"].Items.Single(v => v["name"].Text == mount["name"].Text);
            Assert.Equal((secret["metadata"]["name"].Text, key), (volume["secret"]["secretName"].Text, Path.GetFileName(passwordFile)));
        }
        var redisPod = _files.K8s("StatefulSet", "redis")["spec"]["template"]["spec"];
        Assert.Contains(redisPod["volumes"].Items, v => v.TryGet("secret")?["secretName"].Text == secret["metadata"]["name"].Text);
        Assert.Contains($"/{key})", Container(_files.K8s("StatefulSet", "redis"))["command"].Items.Last().Text);

        // Compose: a secret file kept out of git, read by Redis and by every silo.
        var composeSecret = _files.Compose["secrets"]["redis-password"]["file"].Text;
        Assert.StartsWith("./secrets/", composeSecret);
        Assert.Contains("secrets/", File.ReadAllLines(RepoPaths.Deploy(".gitignore")));
        Assert.Contains("/run/secrets/redis-password", _files.Service("redis")["command"].Items.Last().Text);
        Assert.Equal("/run/secrets/redis-password", _files.Service("silo1")["environment"]["Orleans__RedisPasswordFile"].Text);

        // No password-like setting with a value anywhere in compose or the ConfigMap.
        var settings = _files.Compose["services"].Entries.Values.Where(s => s.Has("environment")).SelectMany(s => s["environment"].Entries)
            .Concat(_files.K8s("ConfigMap", "orleans-sweep")["data"].Entries);
        Assert.DoesNotContain(settings, s => s.Key.Contains("Password", StringComparison.OrdinalIgnoreCase) && !s.Key.EndsWith("PasswordFile"));
        Assert.DoesNotContain(settings, s => s.Value.Value is string v && v.Contains("password=", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The Slots settings give a plan, read by the silo's own code, on a host with that many GPUs.</summary>
    private static void AssertPlans(Yaml environment, string where, int visibleCuda, int slots) =>
        AssertPlans(environment.Entries.ToDictionary(e => e.Key, e => e.Value.Text), where, visibleCuda, slots);

    private static void AssertPlans(IReadOnlyDictionary<string, string> environment, string where, int visibleCuda, int slots)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(environment
            .Where(e => e.Key.StartsWith("Slots__", StringComparison.Ordinal))
            .Select(e => new KeyValuePair<string, string?>(e.Key.Replace("__", ":", StringComparison.Ordinal), e.Value))).Build();
        var plan = Grains.Slots.SlotOptions.From(configuration.GetSection("Slots")).Plan(() => visibleCuda);
        Assert.True(plan.Slots.Count == slots, $"{where}: {plan} on {visibleCuda} GPU(s), expected {slots} slots");
    }

    private void AssertVolumesExist(Yaml podSpec)
    {
        var claims = _files.K8sOfKind("PersistentVolumeClaim").Select(c => c["metadata"]["name"].Text).ToHashSet();
        foreach (var volume in podSpec["volumes"].Items.Where(v => v.Has("persistentVolumeClaim")))
            Assert.Contains(volume["persistentVolumeClaim"]["claimName"].Text, claims);
    }
}
