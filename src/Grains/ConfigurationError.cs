namespace OrleansSweep.Grains;

/// <summary>A setting that is missing or wrong; the message names it and is meant for the operator as one line.</summary>
public sealed class ConfigurationError(string message) : Exception(message);
