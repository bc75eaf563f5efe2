using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using OrleansSweep.Hosting;

namespace OrleansSweep.Bench.Engine;

/// <summary>
/// The product's silo program (OrleansSweep.Silo.dll, built next to the harness) as a child process configured by
/// environment variables, its output in a log file, its /metrics on a loopback port of its own. Disposing stops it
/// gracefully (SIGTERM), killing it if it hangs.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(60);
    private readonly Process _process;

    private SiloProcess(Process process, string log, int metricsPort) => (_process, Log, MetricsUrl) = (process, log, $"http://127.0.0.1:{metricsPort}");

    public string Log { get; }
    public int Pid => _process.Id;

    /// <summary>Where the silo serves /metrics, /healthz and /readyz.</summary>
    public string MetricsUrl { get; }

    /// <summary>Starts the silo and returns once its /readyz answers (it is active in its cluster).</summary>
    public static async Task<SiloProcess> StartAsync(string log, IReadOnlyDictionary<string, string> settings)
    {
        var silo = Start(log, settings);
        try
        {
            await silo.WaitReadyAsync();
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the silo; <see cref="WaitReadyAsync"/> tells when it is active.</summary>
    public static SiloProcess Start(string log, IReadOnlyDictionary<string, string> settings)
    {
        var metricsPort = EmbeddedSilo.FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(log)!,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OrleansSweep.Silo.dll"));
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Metrics__Urls"] = $"http://127.0.0.1:{metricsPort.ToString(CultureInfo.InvariantCulture)}";
        foreach (var (key, value) in settings) info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the silo");
        var writer = TextWriter.Synchronized(new StreamWriter(log) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) writer.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SiloProcess(process, log, metricsPort);
    }

    /// <summary>Returns once /readyz answers; throws if the process exits first or is not ready within a minute.</summary>
    public async Task WaitReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var waited = Stopwatch.StartNew(); ; await Task.Delay(200))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the silo exited with code {_process.ExitCode} while starting: {Tail()}");
            try
            {
                if ((await http.GetAsync($"{MetricsUrl}/readyz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            if (waited.Elapsed > ReadyWithin)
                throw new InvalidOperationException($"the silo was not ready within {ReadyWithin.TotalSeconds:F0} s: {Tail()}");
        }
    }

    private string Tail() => $"{Log}: {string.Join(" | ", File.ReadLines(Log).TakeLast(5))}";

    /// <summary>Peak resident memory so far (VmHWM), in MB.</summary>
    public double PeakRssMb() => PeakRssMb(Pid);

    public static double PeakRssMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024 / 1e6;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = Signal(_process.Id, 15);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
    }

    // .NET's Process.Kill sends SIGKILL only; SIGTERM lets the silo stop gracefully.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);
}
