namespace OrleansSweep.Grains;

/// <summary>Grain storage provider names. Hosting maps each to SQLite (embedded) or Redis (cluster).</summary>
public static class StorageNames
{
    public const string Sweeps = "sweeps";
    public const string Trials = "trials";
}
