namespace OrleansSweep.Grains.Metrics;

/// <summary>The last checkpoint a trial execution wrote: its size and how long writing it took (capture to rename).</summary>
public sealed record CheckpointWrite(long Bytes, TimeSpan Duration);
