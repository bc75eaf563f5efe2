namespace OrleansSweep.TestSupport;

/// <summary>A test's temporary folder and the processes it started, disposed together (processes first, newest first).</summary>
public sealed class ProcessScope(string prefix) : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory(prefix).FullName;

    public T Own<T>(T item) where T : IDisposable
    {
        _owned.Add(item);
        return item;
    }

    public void Dispose()
    {
        foreach (var item in Enumerable.Reverse(_owned)) item.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a process still closing a file; the temp folder is disposable anyway
        }
    }
}
