namespace OrleansSweep.Training.Tests.Sessions;

/// <summary>IProgress that reports inline on the training thread (Progress&lt;T&gt; would post elsewhere).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
