namespace OrleansSweep.Client.Cli;

/// <summary>The process exit codes every command uses.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    /// <summary>Interrupted by Ctrl-C or SIGTERM (the shell convention 128 + SIGINT).</summary>
    public const int Cancelled = 130;
}
