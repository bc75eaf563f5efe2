using System.Collections.Concurrent;
using System.Net;

namespace OrleansSweep.TestSupport;

/// <summary>
/// A real HTTP server on 127.0.0.1 serving given bytes per path, or the files of one folder by name; logs every request
/// path; 404 for anything else.
/// </summary>
public sealed class LocalHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, (int Status, byte[] Body)> _routes = new();
    private readonly Task _loop;
    private readonly string? _folder;
    private volatile bool _stopping;   // set before the listener stops, so the accept that stopping aborts is expected

    /// <param name="folder">Serve this folder's files by name (any path ending in the file name).</param>
    public LocalHttpServer(string? folder = null)
    {
        _folder = folder;
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/";

    public ConcurrentQueue<string> Requests { get; } = new();

    public Uri Mirror(string folder) => new($"http://127.0.0.1:{Port}/{folder}/");

    public void Serve(string path, byte[] body, int status = 200) => _routes[path] = (status, body);

    private async Task ServeAsync()
    {
        while (!_stopping)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stopping)
            {
                // Not IsListening: Stop aborts the pending accept before it marks the listener stopped.
                return;
            }
            try
            {
                await RespondAsync(context);
            }
            catch (Exception e) when (_stopping || e is HttpListenerException or IOException)
            {
                // A response cut by the stop, or a client that hung up mid-response: the server ends, or carries on.
            }
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        Requests.Enqueue(path);
        var (status, body) = _routes.TryGetValue(path, out var route) ? route
            : _folder is not null && File.Exists(Path.Combine(_folder, Path.GetFileName(path))) ? (200, await File.ReadAllBytesAsync(Path.Combine(_folder, Path.GetFileName(path))))
            : (404, "not found"u8.ToArray());
        context.Response.StatusCode = status;
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }

    public void Dispose()
    {
        _stopping = true;
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
