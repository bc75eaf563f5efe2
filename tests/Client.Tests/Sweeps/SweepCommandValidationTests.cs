namespace OrleansSweep.Client.Tests.Sweeps;

/// <summary>
/// The sweep commands' bad input: exit 2, one stderr line naming the option, argument or file, and nothing
/// created (a state folder that did not exist still does not).
/// </summary>
public sealed class SweepCommandValidationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"orleans-sweep-val-{Guid.NewGuid():N}");

    public SweepCommandValidationTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Missing => Path.Combine(_dir, "missing");

    [Theory]
    [InlineData("error: spec: 'no-such-preset' is neither a file nor a preset", "run", "no-such-preset")]
    [InlineData("error: --slots: must be at least 1", "run", "smoke", "--slots", "0")]
    [InlineData("error: --threads: must be positive", "run", "smoke", "--threads", "-1")]
    [InlineData("error: --slots: 'two' is not an integer", "run", "smoke", "--slots", "two")]
    [InlineData("error: --cluster: submit needs a cluster", "submit", "smoke")]
    [InlineData("error: --gateway: 'nohost' is not HOST:PORT", "submit", "smoke", "--gateway", "nohost")]
    [InlineData("error: --gateway: give either --cluster or --gateway", "submit", "smoke", "--cluster", "127.0.0.1:1", "--gateway", "127.0.0.1:2")]
    [InlineData("error: --out: required", "results", "smoke")]
    [InlineData("error: --format: 'xml' is not csv, jsonl or parquet", "results", "smoke", "--format", "xml", "--out", "x.xml")]
    [InlineData("error: --bogus: unknown option", "status", "smoke", "--bogus")]
    public async Task Rejects_bad_input_naming_it(string expected, params string[] args)
    {
        string[] where = args[0] == "submit" ? [] : ["--state-dir", Missing];
        var result = await CliProcess.RunAsync([.. args, .. where]);

        AssertBadInput(result, expected);
        Assert.False(Directory.Exists(Missing), "bad input must not create the state folder");
    }

    [Fact]
    public async Task A_metrics_url_another_process_holds_is_named_before_anything_starts()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)holder.LocalEndpoint).Port}";

        var result = await CliProcess.RunAsync("run", "smoke", "--state-dir", Missing, "--metrics", url);

        AssertBadInput(result, $"error: --metrics: {url} is in use by another process");
        Assert.False(Directory.Exists(Missing));
    }

    [Theory]
    [InlineData("status", "smoke")]
    [InlineData("list")]
    [InlineData("results", "smoke", "--out", "x.csv")]
    [InlineData("report", "smoke")]
    [InlineData("cancel", "smoke")]
    public async Task A_state_folder_without_sweeps_is_named(params string[] args)
    {
        var result = await CliProcess.RunAsync([.. args, "--state-dir", Missing]);

        AssertBadInput(result, $"error: --state-dir: {Missing} holds no sweeps");
        Assert.False(Directory.Exists(Missing));
    }

    [Fact]
    public async Task An_invalid_spec_file_names_the_field_and_starts_nothing()
    {
        var spec = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(spec, TinySpec.Yaml("bad").Replace("layers: [2]", "layers: [0]"));

        var result = await CliProcess.RunAsync("run", spec, "--state-dir", Missing);

        AssertBadInput(result, "error: factors.layers");
        Assert.False(Directory.Exists(Missing));
    }

    [Fact]
    public async Task Results_to_a_missing_folder_is_named()
    {
        var result = await CliProcess.RunAsync("results", "smoke", "--out", Path.Combine(Missing, "r.csv"), "--state-dir", _dir);

        AssertBadInput(result, "error: --out: folder ");
    }

    [Fact]
    public async Task An_unreachable_cluster_is_a_failure_not_bad_input()
    {
        var result = await CliProcess.RunAsync("status", "smoke", "--gateway", "127.0.0.1:1");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: cannot reach gateway 127.0.0.1:1 (tried for 10 s)", Assert.Single(result.Stderr));
    }

    [Theory]
    [InlineData("run")]
    [InlineData("submit")]
    [InlineData("list")]
    [InlineData("status")]
    [InlineData("watch")]
    [InlineData("cancel")]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("results")]
    [InlineData("report")]
    public async Task Every_command_has_help_with_examples(string command)
    {
        var result = await CliProcess.RunAsync(command, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.Stdout, line => line.Contains("EXAMPLES"));
        Assert.Contains(result.Stdout, line => line.Contains($"orleans-sweep {command}"));
    }

    private static void AssertBadInput(CliProcess.Result result, string expectedStart)
    {
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr);
        Assert.StartsWith(expectedStart, line);
        Assert.Empty(result.Stdout);
    }
}
