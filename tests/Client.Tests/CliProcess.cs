using System.Diagnostics;

namespace OrleansSweep.Client.Tests;

/// <summary>Runs the built CLI (orleans-sweep.dll, copied next to the tests) as a child process.</summary>
public static class CliProcess
{
    public static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "orleans-sweep.dll");

    /// <summary>Fashion-MNIST as the dataset-fashion-mnist Debian package installs it.</summary>
    public const string FashionMnist = "/usr/share/datasets/fashion-mnist";

    public sealed record Result(int ExitCode, IReadOnlyList<string> Stdout, IReadOnlyList<string> Stderr);

    public static Process Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>Starts the CLI with extra environment variables.</summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        // A process whose parent ignores SIGINT (a CI job started in the background, nohup) inherits that, and
        // .NET keeps an inherited SIG_IGN: Ctrl-C would never reach the CLI. `env --default-signal=INT` restores
        // what a terminal gives, so the Ctrl-C tests test the CLI, not how CI was launched.
        var info = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment) info.Environment[name] = value;
        info.ArgumentList.Add("--default-signal=INT");
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(Dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return Process.Start(info) ?? throw new InvalidOperationException("could not start env dotnet");
    }

    public static Task<Result> RunAsync(params string[] args) => RunAsync(TimeSpan.FromMinutes(3), args);

    public static Task<Result> RunAsync(TimeSpan limit, params string[] args) => RunAsync(new Dictionary<string, string>(), limit, args);

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, TimeSpan limit, params string[] args)
    {
        using var process = Start(environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, Lines(await stdout), Lines(await stderr));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Sends a signal by name (INT, TERM…) with kill(1).</summary>
    public static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
