using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace OrleansSweep.Bench.Engine;

/// <summary>
/// The product's silo program (OrleansSweep.Silo.dll, built next to the harness) as a child process configured by
/// environment variables, its output in a log file. Disposing stops it gracefully (SIGTERM), killing it if it hangs.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process, string log) => (_process, Log) = (process, log);

    public string Log { get; }
    public int Pid => _process.Id;

    public static SiloProcess Start(string log, IReadOnlyDictionary<string, string> settings)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(log)!,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OrleansSweep.Silo.dll"));
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the silo");
        var writer = TextWriter.Synchronized(new StreamWriter(log) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) writer.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SiloProcess(process, log);
    }

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
