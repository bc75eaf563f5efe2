using System.ComponentModel;
using OrleansSweep.Client.Sweeps;
using Spectre.Console.Cli;

namespace OrleansSweep.Client.Commands;

/// <summary>A command about one sweep: its id (the spec's name) and where it lives.</summary>
public class SweepIdSettings : SweepLocationSettings
{
    [CommandArgument(0, "<SWEEP>")]
    [Description("The sweep's id (its spec's name; `orleans-sweep list` shows them)")]
    public string SweepId { get; init; } = "";

    [CommandOption("--json")]
    [Description("Print JSON instead of a table")]
    public bool Json { get; init; }
}
