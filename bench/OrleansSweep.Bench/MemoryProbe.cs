using System.Diagnostics;
using System.Globalization;

namespace OrleansSweep.Bench;

/// <summary>
/// Runs `orleans-sweep train --json` as a child process and reads its /proc status (VmRSS now, VmHWM peak so
/// far) each time it reports an epoch.
/// </summary>
public static class MemoryProbe
{
    public sealed record Sample(int Epoch, double RssMb, double PeakMb);

    public static IReadOnlyList<Sample> Run(IEnumerable<string> trainArgs)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "orleans-sweep.dll"));
        info.ArgumentList.Add("train");
        info.ArgumentList.Add("--json");
        foreach (var arg in trainArgs) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var samples = new List<Sample>();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (!line.Contains("\"status\":\"epoch\"", StringComparison.Ordinal)) continue;
            var status = File.ReadAllLines($"/proc/{process.Id}/status");
            samples.Add(new Sample(samples.Count + 1, Megabytes(status, "VmRSS:"), Megabytes(status, "VmHWM:")));
            Console.Error.WriteLine($"  memory: epoch {samples.Count}: RSS {samples[^1].RssMb:F0} MB, peak {samples[^1].PeakMb:F0} MB");
        }
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"train exited with {process.ExitCode}");
        return samples;
    }

    private static double Megabytes(string[] status, string key)
    {
        var fields = status.First(l => l.StartsWith(key, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return double.Parse(fields[1], CultureInfo.InvariantCulture) * 1024 / 1e6;   // the kernel's kB are KiB; MB = 10^6 bytes
    }
}
