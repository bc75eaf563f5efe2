using System.ComponentModel;
using Spectre.Console.Cli;

namespace OrleansSweep.Client.Commands;

/// <summary>Options of `orleans-sweep data verify`.</summary>
public sealed class DataVerifySettings : DatasetSettings
{
    [CommandOption("--strict")]
    [Description("Count a well-formed file whose SHA-256 differs from the published one (e.g. re-compressed by a distribution) as a defect")]
    public bool Strict { get; init; }
}
