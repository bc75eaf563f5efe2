using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Training.Checkpoints;

/// <summary>
/// A trial's checkpoint folder: one file per completed epoch (epoch-NNNN.ckpt), written atomically, the last
/// <see cref="Keep"/> kept. Restoring takes the newest file that verifies; damaged ones are skipped, never loaded.
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

    /// <summary>Size of the file written by the last <see cref="Save"/>.</summary>
    public long LastWriteBytes { get; private set; }

    /// <summary>Wall time of the last <see cref="Save"/>, capture to rename.</summary>
    public TimeSpan LastWriteDuration { get; private set; }

    /// <summary>Checkpoint files present, oldest epoch first.</summary>
    public IReadOnlyList<string> Files => ListByEpoch().Select(f => f.Path).ToArray();

    /// <summary>Checkpoints the run's last completed epoch: temp file, flush to disk, rename over; then prunes.</summary>
    public void Save(TrainingRun run)
    {
        if (run.CompletedEpochs == 0) throw new InvalidOperationException("checkpoint: the run has no completed epoch yet");
        var clock = Stopwatch.StartNew();
        var snapshot = run.Capture();
        var metadata = new CheckpointMetadata(run.CompletedEpochs, run.Spec.Seed,
            new DataOrderState(DataOrder.Scheme, run.Spec.Seed, run.CompletedEpochs + 1),
            run.Spec, snapshot.History, Devices.Describe(run.Device), DateTimeOffset.UtcNow);
        var target = PathFor(run.CompletedEpochs);
        var temp = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                LastWriteBytes = CheckpointFile.Write(stream, metadata, snapshot);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        Prune(run.CompletedEpochs);
        LastWriteDuration = clock.Elapsed;
    }

    /// <summary>
    /// Loads the newest checkpoint that verifies into <paramref name="run"/>. Damaged files are skipped and
    /// described in <paramref name="skippedReason"/> (null when none was skipped). Returns false when no valid
    /// checkpoint exists (the run is untouched). Throws <see cref="CheckpointSpecMismatchException"/> when the
    /// newest valid checkpoint belongs to another spec.
    /// </summary>
    public bool TryRestoreLatest(TrainingRun run, out string? skippedReason)
    {
        var skipped = new List<string>();
        foreach (var (path, _) in ListByEpoch().Reverse())
        {
            CheckpointMetadata metadata;
            RunSnapshot snapshot;
            try
            {
                (metadata, snapshot) = CheckpointFile.Read(path);
            }
            catch (CheckpointCorruptException e)
            {
                skipped.Add(e.Message);
                continue;
            }
            if (!metadata.Spec.SameComputationAs(run.Spec))
                throw new CheckpointSpecMismatchException(path, $"checkpoint {metadata.Spec}, run {run.Spec}");
            if (TryLoad(run, path, snapshot, skipped))
            {
                skippedReason = Join(skipped);
                return true;
            }
        }
        skippedReason = Join(skipped);
        return false;
    }

    // A file that verifies but still fails to load (e.g. written by an incompatible TorchSharp) is skipped too;
    // the run is put back exactly as it was.
    private static bool TryLoad(TrainingRun run, string path, RunSnapshot snapshot, List<string> skipped)
    {
        var before = run.Capture();
        try
        {
            run.Restore(snapshot);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or EndOfStreamException or IOException)
        {
            run.Restore(before);
            skipped.Add($"{path}: does not load into this model ({e.Message})");
            return false;
        }
    }

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
