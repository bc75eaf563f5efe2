using System.Security.Cryptography;
using OrleansSweep.Training.Data.Formats;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Data;

/// <summary>
/// Downloads a dataset's files into a directory: each mirror in order until one delivers a file whose SHA-256
/// matches the catalog; written to a temp file in the same directory and renamed into place, so a failed or
/// cancelled download leaves nothing behind. Files already present with the right checksum are skipped.
/// CIFAR-10 stays a .tar.gz: the loader reads it without extracting.
/// </summary>
public sealed class DatasetFetcher(HttpClient http, DatasetCatalog? catalog = null)
{
    private readonly DatasetCatalog _catalog = catalog ?? DatasetCatalog.Official;

    /// <exception cref="DatasetFetchException">Every mirror failed for some file (the message says why, per mirror).</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the partial file is deleted.</exception>
    public async Task<IReadOnlyList<FetchedFile>> FetchAsync(Dataset dataset, string directory,
        IProgress<FetchProgress>? progress = null, CancellationToken ct = default)
    {
        var entry = _catalog[dataset];
        Directory.CreateDirectory(directory);
        var results = new List<FetchedFile>();
        foreach (var file in entry.Files)
        {
            var path = Path.Combine(directory, file.Name);
            if (IsPresentAndValid(path, file))
                results.Add(new FetchedFile(path, Downloaded: false, Source: null, Verified: file.Sha256 is not null));
            else
                results.Add(await DownloadAsync(entry.Mirrors, file, path, progress, ct));
        }
        return results;
    }

    private static bool IsPresentAndValid(string path, DatasetFile file) =>
        File.Exists(path) && (file.Sha256 is null || FileHash.Matches(FileHash.Sha256(path), file.Sha256));

    private async Task<FetchedFile> DownloadAsync(IReadOnlyList<Uri> mirrors, DatasetFile file, string path,
        IProgress<FetchProgress>? progress, CancellationToken ct)
    {
        var failures = new List<string>();
        foreach (var mirror in mirrors)
        {
            var url = DatasetCatalogEntry.UrlOf(mirror, file);
            var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{file.Name}.{Guid.NewGuid():N}.partial");
            try
            {
                var failure = await TryDownloadAsync(url, file, temp, progress, ct);
                if (failure is null)
                {
                    File.Move(temp, path, overwrite: true);
                    return new FetchedFile(path, Downloaded: true, url, Verified: file.Sha256 is not null);
                }
                failures.Add($"{url}: {failure}");
            }
            catch (HttpRequestException e)
            {
                failures.Add($"{url}: {DataFile.OneLine(e.Message)}");
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                failures.Add($"{url}: timed out");
            }
            finally
            {
                File.Delete(temp);   // no-op after the rename or if it was never created
            }
        }
        throw new DatasetFetchException(path, $"download failed from every mirror: {string.Join("; ", failures)}");
    }

    /// <returns>Null on success, else why this mirror's copy was rejected.</returns>
    private async Task<string?> TryDownloadAsync(Uri url, DatasetFile file, string temp,
        IProgress<FetchProgress>? progress, CancellationToken ct)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
            return $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";

        var total = response.Content.Headers.ContentLength ?? file.Size;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytes = 0;
        await using (var source = await response.Content.ReadAsStreamAsync(ct))
        await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
                hash.AppendData(buffer, 0, read);
                bytes += read;
                progress?.Report(new FetchProgress(file.Name, bytes, total));
            }
            target.Flush(flushToDisk: true);   // on disk before the rename makes it visible
        }

        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (file.Sha256 is not null && !FileHash.Matches(actual, file.Sha256))
            return $"sha256 mismatch: expected {file.Sha256}, got {actual}";
        if (file.Sha256 is null && file.Size is { } size && size != bytes)
            return $"size mismatch: expected {size} bytes, got {bytes}";
        return null;
    }
}

/// <summary>Download progress of one file: bytes so far and the total when the server (or catalog) knows it.</summary>
public readonly record struct FetchProgress(string File, long Bytes, long? Total);

/// <summary>The outcome for one file of a fetch.</summary>
/// <param name="Source">The URL it was downloaded from; null when it was already present.</param>
/// <param name="Verified">False when the catalog has no published checksum for it.</param>
public sealed record FetchedFile(string Path, bool Downloaded, Uri? Source, bool Verified);

/// <summary>A file could not be downloaded from any mirror. Message = "&lt;file path&gt;: &lt;why, per mirror&gt;", one line.</summary>
public sealed class DatasetFetchException(string path, string reason) : Exception($"{path}: {reason}")
{
    public string FilePath { get; } = path;
}
