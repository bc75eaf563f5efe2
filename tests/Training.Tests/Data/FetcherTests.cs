using OrleansSweep.Training.Data;
using OrleansSweep.Training.Tests.Data.Fixtures;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Tests.Data;

/// <summary>Downloads from a real HTTP server on 127.0.0.1 serving generated files.</summary>
public sealed class FetcherTests : IDisposable
{
    private readonly TempDirectory _source = new();
    private readonly TempDirectory _target = new();
    private readonly LocalHttpServer _server = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public FetcherTests()
    {
        SyntheticMnist.Write(_source.Path, train: 40, test: 10);
        foreach (var name in SyntheticMnist.FileNames)
            _server.Serve("/good/" + name, File.ReadAllBytes(_source.File(name)));
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
        _source.Dispose();
        _target.Dispose();
    }

    private DatasetFetcher Fetcher(params Uri[] mirrors) =>
        new(_http, TestCatalog.For(Dataset.Mnist, _source.Path, SyntheticMnist.FileNames, mirrors));

    private sealed class Recorder : IProgress<FetchProgress>
    {
        public List<FetchProgress> Reports { get; } = [];

        public void Report(FetchProgress value) => Reports.Add(value);
    }

    [Fact]
    public async Task Downloads_every_file_verified_with_progress_and_loads()
    {
        var progress = new Recorder();

        var fetched = await Fetcher(_server.Mirror("good")).FetchAsync(Dataset.Mnist, _target.Path, progress);

        Assert.All(fetched, f => Assert.True(f.Downloaded && f.Verified));
        foreach (var name in SyntheticMnist.FileNames)
        {
            Assert.Equal(File.ReadAllBytes(_source.File(name)), File.ReadAllBytes(_target.File(name)));
            var last = progress.Reports.Last(r => r.File == name);
            Assert.Equal(new FileInfo(_target.File(name)).Length, last.Bytes);
            Assert.Equal(last.Bytes, last.Total);
        }
        Assert.Equal(SyntheticMnist.FileNames.Order(), Directory.GetFiles(_target.Path).Select(Path.GetFileName).Order());
        using var data = DatasetLoader.Load(Dataset.Mnist, _target.Path);
        Assert.Equal(40, data.Train.Count);
    }

    [Fact]
    public async Task Checksum_mismatch_is_rejected_and_leaves_nothing_behind()
    {
        var name = SyntheticMnist.FileNames[0];   // the first file: the fetch stops there
        var tampered = File.ReadAllBytes(_source.File(name));
        tampered[^1] ^= 1;
        _server.Serve("/bad/" + name, tampered);
        var expected = TestCatalog.Sha256(File.ReadAllBytes(_source.File(name)));

        var e = await Assert.ThrowsAsync<DatasetFetchException>(() =>
            Fetcher(_server.Mirror("bad")).FetchAsync(Dataset.Mnist, _target.Path));

        Assert.StartsWith($"{_target.File(name)}: download failed from every mirror: ", e.Message);
        Assert.Contains($"sha256 mismatch: expected {expected}, got {TestCatalog.Sha256(tampered)}", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Empty(Directory.GetFiles(_target.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Falls_back_to_the_next_mirror_when_one_is_down()
    {
        var refused = new Uri($"http://127.0.0.1:{FreePort.Next()}/mnist/");
        foreach (var name in SyntheticMnist.FileNames)
            _server.Serve("/failing/" + name, [], status: 503);

        var fetched = await Fetcher(refused, _server.Mirror("failing"), _server.Mirror("good"))
            .FetchAsync(Dataset.Mnist, _target.Path);

        Assert.All(fetched, f => Assert.StartsWith(_server.Mirror("good").AbsoluteUri, f.Source!.AbsoluteUri));
        Assert.Equal(4, _server.Requests.Count(r => r.StartsWith("/failing/")));
        Assert.Equal(SyntheticMnist.FileNames.Length, Directory.GetFiles(_target.Path).Length);
    }

    [Fact]
    public async Task Skips_valid_files_already_present_and_replaces_corrupt_ones()
    {
        File.Copy(_source.File(SyntheticMnist.FileNames[0]), _target.File(SyntheticMnist.FileNames[0]));
        File.WriteAllText(_target.File(SyntheticMnist.FileNames[2]), "not the file");

        var fetched = await Fetcher(_server.Mirror("good")).FetchAsync(Dataset.Mnist, _target.Path);

        Assert.Equal([false, true, true, true], fetched.Select(f => f.Downloaded));
        Assert.DoesNotContain("/good/" + SyntheticMnist.FileNames[0], _server.Requests);
        Assert.Equal(File.ReadAllBytes(_source.File(SyntheticMnist.FileNames[2])), File.ReadAllBytes(_target.File(SyntheticMnist.FileNames[2])));
    }

    [Fact]
    public async Task Cancelling_stops_without_leaving_a_partial_file()
    {
        using var cancel = new CancellationTokenSource();
        var recorder = new CancelOnFirstReport(cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Fetcher(_server.Mirror("good")).FetchAsync(Dataset.Mnist, _target.Path, recorder, cancel.Token));

        Assert.Empty(Directory.GetFiles(_target.Path));
    }

    private sealed class CancelOnFirstReport(CancellationTokenSource cancel) : IProgress<FetchProgress>
    {
        public void Report(FetchProgress value) => cancel.Cancel();
    }

    [Fact]
    public async Task Fetched_cifar_archive_loads_without_extraction()
    {
        var (train, test) = CifarWriter.Create();
        CifarWriter.WriteArchive(_source.File("cifar-10-binary.tar.gz"), CifarWriter.Batches(train, test));
        _server.Serve("/kriz/cifar-10-binary.tar.gz", File.ReadAllBytes(_source.File("cifar-10-binary.tar.gz")));
        var catalog = TestCatalog.For(Dataset.Cifar10, _source.Path, ["cifar-10-binary.tar.gz"], _server.Mirror("kriz"));

        await new DatasetFetcher(_http, catalog).FetchAsync(Dataset.Cifar10, _target.Path);

        Assert.Equal(["cifar-10-binary.tar.gz"], Directory.GetFileSystemEntries(_target.Path).Select(Path.GetFileName));
        using var data = DatasetLoader.Load(Dataset.Cifar10, _target.Path);
        Assert.Equal((20, 6), (data.Train.Count, data.Validation.Count));
    }
}
