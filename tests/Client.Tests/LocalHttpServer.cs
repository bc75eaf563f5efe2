using System.Net;
using System.Net.Sockets;

namespace OrleansSweep.Client.Tests;

/// <summary>A real HTTP server on 127.0.0.1 serving the files of one folder (404 for anything else).</summary>
public sealed class LocalHttpServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly string folder;

    public LocalHttpServer(string folder)
    {
        this.folder = folder;
        Url = $"http://127.0.0.1:{FreePort()}/";
        listener.Prefixes.Add(Url);
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Url { get; }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            var path = Path.Combine(folder, Path.GetFileName(context.Request.Url!.AbsolutePath));
            if (File.Exists(path))
            {
                await using var file = File.OpenRead(path);
                context.Response.ContentLength64 = file.Length;
                await file.CopyToAsync(context.Response.OutputStream);
            }
            else
            {
                context.Response.StatusCode = 404;
            }
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose() => listener.Close();
}
