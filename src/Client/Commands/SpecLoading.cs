using OrleansSweep.Client.Cli;
using OrleansSweep.Grains.Specs;
using OrleansSweep.Interfaces;
using OrleansSweep.Wire;

namespace OrleansSweep.Client.Commands;

/// <summary>SPEC|PRESET to a validated spec for run and submit: every error on stderr, one line each.</summary>
public static class SpecLoading
{
    /// <summary>Null (after printing the errors) when the spec is invalid. With <paramref name="requireData"/>,
    /// missing or unreadable data files are errors; otherwise warnings (a cluster's silos hold the data).</summary>
    public static SweepSpec? Load(string specOrPreset, bool requireData, TextWriter stderr)
    {
        var parsed = ConsoleCancellation.Interruptible(() => SpecSource.Load(specOrPreset));
        if (!parsed.IsValid)
        {
            foreach (var error in parsed.Errors) stderr.WriteLine($"error: {error}");
            return null;
        }
        var data = ConsoleCancellation.Interruptible(() => SpecSource.Load(specOrPreset, DataFilesCheck.Default));
        foreach (var problem in data.Errors) stderr.WriteLine($"{(requireData ? "error" : "warning")}: {problem}");
        return requireData && !data.IsValid ? null : parsed.Spec;
    }
}
