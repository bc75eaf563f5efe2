using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace OrleansSweep.Training.Tests.Data.Fixtures;

/// <summary>A real HTTP server on 127.0.0.1 serving given bytes per path; logs every request path.</summary>
public sealed class LocalHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, (int Status, byte[] Body)> _routes = new();
    private readonly Task _loop;

    public LocalHttpServer()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public ConcurrentQueue<string> Requests { get; } = new();

    public Uri Mirror(string folder) => new($"http://127.0.0.1:{Port}/{folder}/");

    public void Serve(string path, byte[] body, int status = 200) => _routes[path] = (status, body);

    /// <summary>A port nothing listens on (bound once and released), for "mirror down" cases.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            var path = context.Request.Url!.AbsolutePath;
            Requests.Enqueue(path);
            var (status, body) = _routes.TryGetValue(path, out var route) ? route : (404, "not found"u8.ToArray());
            context.Response.StatusCode = status;
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
