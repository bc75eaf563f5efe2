namespace OrleansSweep.Training.Data;

/// <summary>The outcome for one file of a fetch.</summary>
/// <param name="Source">The URL it was downloaded from; null when it was already present.</param>
/// <param name="Verified">False when the catalog has no published checksum for it.</param>
public sealed record FetchedFile(string Path, bool Downloaded, Uri? Source, bool Verified);
