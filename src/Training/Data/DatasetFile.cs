namespace OrleansSweep.Training.Data;

/// <summary>One downloadable file of a dataset.</summary>
/// <param name="Name">File name, both in the data directory and appended to a mirror's base URL.</param>
/// <param name="Size">Published size in bytes, if known.</param>
/// <param name="Sha256">Published SHA-256 (lower-case hex), or null when none is published: then nothing can be
/// verified and the verifier says so instead of passing.</param>
public sealed record DatasetFile(string Name, long? Size, string? Sha256);
