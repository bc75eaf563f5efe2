using System.Runtime.InteropServices;

namespace OrleansSweep.Client.Cli;

/// <summary>
/// Ctrl-C and SIGTERM request a graceful stop (the token is cancelled, the command finishes its bookkeeping); a
/// second signal of either kind ends the process at once. While a command runs <see cref="Interruptible{T}"/>
/// work (reading and checking input, which creates nothing and does not watch the token), the first signal
/// already ends it: there is nothing to wind down, and the work could hold the process for long.
/// </summary>
public sealed class ConsoleCancellation : IDisposable
{
    private static int _interruptible;
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration _terminate;

    public ConsoleCancellation()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = StopGracefully());
    }

    public CancellationToken Token => _source.Token;

    /// <summary>Runs <paramref name="work"/> so that Ctrl-C or SIGTERM meanwhile ends the process (exit 130).</summary>
    public static T Interruptible<T>(Func<T> work)
    {
        Interlocked.Increment(ref _interruptible);
        try
        {
            return work();
        }
        finally
        {
            Interlocked.Decrement(ref _interruptible);
        }
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e) => e.Cancel = StopGracefully();

    /// <summary>Cancels the token; true when the command is left to stop by itself, false after ending the process.</summary>
    private bool StopGracefully()
    {
        var again = _source.IsCancellationRequested;
        _source.Cancel();
        if (!again && Volatile.Read(ref _interruptible) == 0)
            return true;
        Console.Error.WriteLine("error: cancelled");
        Environment.Exit(ExitCodes.Cancelled);
        return false;
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _terminate.Dispose();
        _source.Dispose();
    }
}
