using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Training.Checkpoints;

/// <summary>
/// A trial's checkpoint folder: one file per completed epoch (epoch-NNNN.ckpt), written atomically, the last
/// <see cref="Keep"/> kept. Restoring takes the newest file that verifies; damaged ones are set aside (renamed
/// <c>*.damaged</c>, kept for inspection), never loaded.
/// </summary>
public sealed partial class CheckpointStore
{
    public const int Keep = 2;

    public CheckpointStore(string directory)
    {
        Directory = System.IO.Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>Checkpoint files present, oldest epoch first.</summary>
    public IReadOnlyList<string> Files => ListByEpoch().Select(f => f.Path).ToArray();

    /// <summary>Checkpoints the session's last completed epoch: temp file, flush to disk, rename over; then prunes.</summary>
    public CheckpointWrite Save(TrainingSession session)
    {
        if (session.CompletedEpochs == 0) throw new InvalidOperationException("checkpoint: the session has no completed epoch yet");
        var clock = Stopwatch.StartNew();
        var snapshot = session.Capture();
        var metadata = new CheckpointMetadata(session.CompletedEpochs, session.Spec.Seed,
            new DataOrderState(DataOrder.Scheme, session.Spec.Seed, session.CompletedEpochs + 1),
            session.Spec, snapshot.History, Devices.Describe(session.Device), DateTimeOffset.UtcNow);
        var target = PathFor(session.CompletedEpochs);
        var temp = $"{target}.{Guid.NewGuid():N}.tmp";
        long bytes;
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                bytes = CheckpointFile.Write(stream, metadata, snapshot);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        Prune(session.CompletedEpochs);
        return new CheckpointWrite(bytes, clock.Elapsed);
    }

    /// <summary>
    /// Loads the newest checkpoint that verifies into <paramref name="session"/>. Damaged files are set aside and
    /// described in <paramref name="skippedReason"/> (null when none was). Returns false when no valid checkpoint
    /// exists (the session is untouched). Throws <see cref="CheckpointSpecMismatchException"/> when the newest valid
    /// checkpoint belongs to another configuration; one that differs only in its epoch budget (or threads) continues.
    /// </summary>
    public bool TryRestoreLatest(TrainingSession session, out string? skippedReason)
    {
        var skipped = new List<string>();
        foreach (var (path, _) in ListByEpoch().Reverse())
        {
            CheckpointMetadata metadata;
            SessionSnapshot snapshot;
            try
            {
                (metadata, snapshot) = CheckpointFile.Read(path);
            }
            catch (CheckpointCorruptException e)
            {
                skipped.Add(e.Message);
                SetAside(path);
                continue;
            }
            if (metadata.Spec.DifferencesFrom(session.Spec) is { Count: > 0 } differences)
                throw new CheckpointSpecMismatchException(path, differences);
            if (TryLoad(session, path, snapshot, skipped))
            {
                skippedReason = Join(skipped);
                return true;
            }
        }
        skippedReason = Join(skipped);
        return false;
    }

    // A file that verifies but still fails to load (e.g. written by an incompatible TorchSharp) is set aside too;
    // the session is put back exactly as it was.
    private static bool TryLoad(TrainingSession session, string path, SessionSnapshot snapshot, List<string> skipped)
    {
        var before = session.Capture();
        try
        {
            session.Restore(snapshot);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or EndOfStreamException or IOException)
        {
            session.Restore(before);
            skipped.Add($"{path}: does not load into this model ({e.Message})");
            SetAside(path);
            return false;
        }
    }

    /// <summary>A damaged file keeps its bytes under another name (never overwritten, never pruned, never loaded).</summary>
    private static void SetAside(string path) => File.Move(path, $"{path}.{DateTime.UtcNow:yyyyMMddHHmmssfff}.damaged");

    /// <summary>
    /// Files of epochs after <paramref name="saved"/> belong to a history this run left (it resumed from an earlier
    /// one because they were damaged, or started over): they go, or damaged files would outrank and prune the good
    /// ones. Then all but the newest <see cref="Keep"/>.
    /// </summary>
    private void Prune(int saved)
    {
        foreach (var (path, _) in ListByEpoch().Where(f => f.Epoch > saved)) File.Delete(path);
        foreach (var (path, _) in ListByEpoch().SkipLast(Keep)) File.Delete(path);
        foreach (var stale in System.IO.Directory.EnumerateFiles(Directory, "epoch-*.tmp")) File.Delete(stale);
    }

    private IEnumerable<(string Path, int Epoch)> ListByEpoch() =>
        System.IO.Directory.EnumerateFiles(Directory, "epoch-*.ckpt")
            .Select(path => (Path: path, Match: FileName().Match(System.IO.Path.GetFileName(path))))
            .Where(f => f.Match.Success)
            .Select(f => (f.Path, Epoch: int.Parse(f.Match.Groups[1].Value, CultureInfo.InvariantCulture)))
            .OrderBy(f => f.Epoch);

    private string PathFor(int epoch) => System.IO.Path.Combine(Directory, $"epoch-{epoch:D4}.ckpt");

    private static string? Join(List<string> reasons) => reasons.Count == 0 ? null : string.Join("; ", reasons);

    [GeneratedRegex(@"^epoch-(\d{4,9})\.ckpt$")]
    private static partial Regex FileName();
}

/// <summary>A valid checkpoint that belongs to a different configuration: resuming from it would be wrong.</summary>
public sealed class CheckpointSpecMismatchException(string path, IReadOnlyList<string> differences)
    : Exception($"{path}: checkpoint of another configuration ({string.Join(", ", differences)}); refusing to resume from it")
{
    public string Path { get; } = path;
}
