namespace OrleansSweep.Client.Cli;

/// <summary>A user error found while a command runs; the message is "&lt;field or file&gt;: &lt;what is wrong&gt;".</summary>
public sealed class BadInputException(string message) : Exception(message);
