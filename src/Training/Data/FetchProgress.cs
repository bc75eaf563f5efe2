namespace OrleansSweep.Training.Data;

/// <summary>Download progress of one file: bytes so far and the total when the server (or catalog) knows it.</summary>
public readonly record struct FetchProgress(string File, long Bytes, long? Total);
