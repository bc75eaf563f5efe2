using System.Diagnostics;

namespace OrleansSweep.Client.Tests;

/// <summary>
/// Spec files that are not valid YAML or hold too much, through the real CLI: exit 2, one stderr line starting
/// "error: spec: ", nothing created; and a signal while a spec is being read ends the command.
/// </summary>
public sealed class SpecInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("orleans-sweep-specs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Missing => Path.Combine(_dir, "state");

    public static TheoryData<string, string, string> BadSpecs => new()
    {
        { "plan", "name: x\nfactors:\n  dataset: [mnist]\n  layers: [2, 4\nepochs: 2\n", "error: spec: not valid YAML at line 5, column 1: the '[' at line 4, column 11 is not closed" },
        { "run", "name: x\nfactors:\n  dataset: [mnist]\n  layers: [2, 4\nepochs: 2\n", "error: spec: not valid YAML at line 5, column 1: the '[' at line 4, column 11 is not closed" },
        { "run", "name: x\nseed: 1\nfactors:\n  dataset: [mnist]\n  layers: [2]\nepochs: 2\nreplicates: 1\nretry:\n\tmaxAttempts: 2\n", "error: spec: not valid YAML at line 9, column 1: " },
        { "plan", "- name: x\n- factors: {}\n", "error: spec: the top level must be a mapping of keys (name, seed, data, factors, ...), got a list (line 1)" },
        { "run", "name: x\na: &a [lol, lol, lol]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n", "error: spec: YAML anchors (&name) are not supported (line 2)" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public async Task A_spec_that_is_not_valid_yaml_is_one_line_and_starts_nothing(string command, string yaml, string expected)
    {
        var spec = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(spec, yaml);

        var result = await CliProcess.RunAsync(command == "run" ? ["run", spec, "--state-dir", Missing] : [command, spec]);

        AssertBadInput(result, expected);
    }

    [Fact]
    public async Task A_5_MB_spec_is_refused_at_once_naming_the_limit()
    {
        var spec = Path.Combine(_dir, "huge.yaml");
        var values = string.Join(", ", Enumerable.Range(1, 700_000));   // ~5 MB: a factor list no sweep needs
        File.WriteAllText(spec, $"name: huge\nfactors:\n  dataset: [mnist]\n  layers: [{values}]\n");

        var result = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "run", spec, "--state-dir", Missing);

        AssertBadInput(result, "error: spec: 5.2 MB is over the 1 MB limit");
    }

    [Fact]
    public async Task A_factor_list_over_the_value_limit_is_one_line_naming_the_limit()
    {
        var spec = Path.Combine(_dir, "long.yaml");
        File.WriteAllText(spec, $"name: long\nfactors:\n  dataset: [mnist]\n  layers: [{string.Join(", ", Enumerable.Range(1, 20_000))}]\n");

        var result = await CliProcess.RunAsync("plan", spec);

        AssertBadInput(result, "error: factors.layers: 20,000 values is over the limit of 10,000 per list (line 4)");
    }

    /// <summary>
    /// A spec that takes long to read (a FIFO whose writer writes nothing: reading blocks) stands for any long check:
    /// SIGTERM must end the command with 130, not wait for the reading to finish.
    /// </summary>
    [Fact]
    public async Task Sigterm_while_a_spec_is_being_read_ends_the_command()
    {
        var fifo = Path.Combine(_dir, "slow.yaml");
        using (var mkfifo = Process.Start("mkfifo", [fifo])) await mkfifo.WaitForExitAsync();
        using var run = CliProcess.Start("run", fifo, "--state-dir", Missing);
        var stderr = run.StandardError.ReadToEndAsync();
        // Opening the write end returns once the CLI has opened the read end: it is reading the spec now.
        await using var writer = await Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Write))
            .WaitAsync(TimeSpan.FromMinutes(1));

        CliProcess.Signal(run.Id, "TERM");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await run.WaitForExitAsync(timeout.Token);

        Assert.Equal(130, run.ExitCode);
        Assert.Equal("error: cancelled", (await stderr).Trim());
        Assert.False(Directory.Exists(Missing));
    }

    private void AssertBadInput(CliProcess.Result result, string expectedStart)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(expectedStart, Assert.Single(result.Stderr));
        Assert.Empty(result.Stdout);
        Assert.False(Directory.Exists(Missing), "bad input must not create the state folder");
    }
}
