namespace OrleansSweep.Silo.Tests.Fixtures;

/// <summary>The built OrleansSweep.Silo as a child process, configured by environment variables.</summary>
public sealed class SiloProcess : IDisposable
{
    private readonly ChildProcess _process;
    private readonly HttpClient _http;

    private SiloProcess(ChildProcess process, int metricsPort)
    {
        (_process, MetricsPort) = (process, metricsPort);
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}"), Timeout = TimeSpan.FromSeconds(5) };
    }

    public int MetricsPort { get; }
    public string MetricsTarget => $"127.0.0.1:{MetricsPort}";
    public HttpClient Http => _http;
    public string Tail() => _process.Tail();

    public static SiloProcess Start(string name, string directory, IReadOnlyDictionary<string, string> settings)
    {
        var metricsPort = FreePort.Next();
        var environment = new Dictionary<string, string>(settings)
        {
            ["Metrics__Urls"] = $"http://127.0.0.1:{metricsPort}",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = SiloLogs.TimestampFormat,
            ["DOTNET_gcServer"] = "0",   // two silos and the test share two cores
        };
        var process = ChildProcess.Start("dotnet", [RepoPaths.SiloDll], NewLogFile(directory, name), environment, directory);
        return new SiloProcess(process, metricsPort);
    }

    /// <summary>SIGTERM: a graceful stop; returns once the process is gone (killed after <paramref name="timeout"/>).</summary>
    public Task TerminateAsync(TimeSpan timeout) => _process.TerminateAsync(timeout);

    /// <summary>kill -9; returns once the process is gone.</summary>
    public Task KillHardAsync() => _process.KillHardAsync();

    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>{name}.log, or {name}-2.log, … for a silo started again under the same name.</summary>
    private static string NewLogFile(string directory, string name)
    {
        var file = Path.Combine(directory, $"{name}.log");
        for (var n = 2; File.Exists(file); n++) file = Path.Combine(directory, $"{name}-{n}.log");
        return file;
    }

    /// <summary>Returns once /readyz answers; throws <see cref="SiloExitedException"/> at once if the process ends first.</summary>
    public Task WaitReadyAsync(TimeSpan timeout) =>
        Wait.UntilAsync(async () => _process.HasExited
                ? throw new SiloExitedException($"silo on metrics port {MetricsPort} exited with code {_process.ExitCode} while starting; {Describe()}")
                : (await _http.GetAsync("/readyz")).IsSuccessStatusCode,
            timeout, $"silo on metrics port {MetricsPort} ready", TimeSpan.FromMilliseconds(300), Describe);

    private string Describe() => $"{_process.LogFile}:\n{_process.Tail(40)}";

    public void Dispose()
    {
        _http.Dispose();
        _process.Dispose();
    }
}

/// <summary>A silo process ended before it was ready.</summary>
public sealed class SiloExitedException(string message) : StopWaitingException(message);
