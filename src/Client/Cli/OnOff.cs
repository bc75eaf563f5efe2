namespace OrleansSweep.Client.Cli;

/// <summary>A switch spelled on|off on the command line.</summary>
public enum OnOff { Off, On }
