namespace OrleansSweep.Silo.Tests.Fixtures;

/// <summary>Environment settings of a cluster-mode silo process on loopback with the simulated trainer.</summary>
public static class ClusterSiloSettings
{
    public static Dictionary<string, string> Simulated(
        string redis, string clusterId, string serviceId, string directory, int slots, TimeSpan epoch, int? siloPort = null) => new()
    {
        ["Orleans__Mode"] = "cluster",
        ["Orleans__Redis"] = redis,
        ["Orleans__ClusterId"] = clusterId,
        ["Orleans__ServiceId"] = serviceId,
        ["Orleans__SiloPort"] = (siloPort ?? FreePort.Next()).ToString(),
        ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
        ["Slots__Count"] = slots.ToString(),
        ["Slots__ThreadsPerSlot"] = "1",
        ["Slots__CheckpointDirectory"] = Path.Combine(directory, "checkpoints"),
        ["Slots__PollInterval"] = "00:00:00.200",
        ["Trainer__Kind"] = "simulated",
        ["Trainer__EpochDuration"] = epoch.ToString(),
    };
}
