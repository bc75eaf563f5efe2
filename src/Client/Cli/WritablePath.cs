namespace OrleansSweep.Client.Cli;

/// <summary>
/// The one check every path option a command writes to goes through, in its settings' Validate: before anything
/// starts, the folder can be created (or is there and writable), or the file's folder is there and writable.
/// Each returns null when fine, else "--option: what is wrong". Nothing is left behind: writability is probed
/// with a file deleted on close, because permission bits do not tell (root, read-only mounts, /proc).
/// </summary>
public static class WritablePath
{
    /// <summary>A folder the command creates when missing and writes into.</summary>
    public static string? FolderError(string option, string folder)
    {
        var full = Path.GetFullPath(folder);
        if (File.Exists(full)) return $"{option}: {folder} is a file, not a folder";
        var existing = NearestExisting(full);
        if (File.Exists(existing)) return $"{option}: cannot create {folder}: {existing} is a file";
        if (CanWriteIn(existing)) return null;
        return existing == full ? $"{option}: {folder} is not writable" : $"{option}: cannot create {folder}: {existing} is not writable";
    }

    /// <summary>A file the command writes (through a temporary sibling): its folder must exist and be writable.</summary>
    public static string? FileError(string option, string file)
    {
        var full = Path.GetFullPath(file);
        if (Directory.Exists(full)) return $"{option}: {file} is a folder, not a file";
        var folder = Path.GetDirectoryName(full) ?? full;
        if (!Directory.Exists(folder)) return $"{option}: folder {folder} does not exist";
        return CanWriteIn(folder) ? null : $"{option}: cannot write {file}: {folder} is not writable";
    }

    /// <summary><paramref name="path"/> itself or its closest ancestor that exists (a file or a folder).</summary>
    private static string NearestExisting(string path)
    {
        var current = path;
        while (!Directory.Exists(current) && !File.Exists(current) && Path.GetDirectoryName(current) is { } parent)
            current = parent;
        return current;
    }

    private static bool CanWriteIn(string folder)
    {
        try
        {
            var probe = Path.Combine(folder, $".orleans-sweep-probe-{Guid.NewGuid():N}");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
