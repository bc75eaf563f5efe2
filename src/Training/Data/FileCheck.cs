namespace OrleansSweep.Training.Data;

public enum FileCheckStatus
{
    /// <summary>Well-formed and its SHA-256 matches the published one.</summary>
    Ok,
    Missing,
    /// <summary>Unreadable: bad gzip, bad magic, wrong size, counts that disagree, labels out of range.</summary>
    Corrupt,
    /// <summary>Well-formed, but not byte-identical to the published file (e.g. re-compressed by a distribution).</summary>
    ChecksumMismatch,
    /// <summary>Well-formed, but there is no published checksum to compare with (e.g. an uncompressed copy).</summary>
    NoPublishedChecksum,
}

/// <summary>The verdict on one dataset file; <see cref="Detail"/> is one line.</summary>
public sealed record FileCheck(string Path, FileCheckStatus Status, string Detail)
{
    public bool IsOk => Status == FileCheckStatus.Ok;

    public override string ToString() => $"{Path}: {Status}: {Detail}";
}
