using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansSweep.TestSupport;

/// <summary>
/// A real Prometheus (the Debian package) on a free loopback port, scraping the given targets every second
/// with deploy/prometheus/alerts.yml loaded; its TSDB in a temp folder. Stopped by its PID.
/// </summary>
public sealed class PrometheusServer : IDisposable
{
    private readonly ChildProcess _process;
    private readonly HttpClient _http;

    private PrometheusServer(ChildProcess process, int port)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public static async Task<PrometheusServer> StartAsync(string directory, IEnumerable<string> targets)
    {
        var port = FreePort.Next();
        var config = Path.Combine(directory, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - {RepoPaths.Deploy("prometheus", "alerts.yml")}
            scrape_configs:
              - job_name: orleans-sweep
                static_configs:
                  - targets: [{string.Join(", ", targets.Select(t => $"'{t}'"))}]
            """);
        var process = ChildProcess.Start("prometheus",
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "tsdb")}",
             $"--web.listen-address=127.0.0.1:{port}"],
            Path.Combine(directory, "prometheus.log"));
        var server = new PrometheusServer(process, port);
        await Wait.UntilAsync(async () => (await server._http.GetAsync("/-/ready")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(20), "prometheus ready", detail: () => process.Tail(5));
        return server;
    }

    public string Tail() => _process.Tail();

    /// <summary>An instant query; the result vector (or matrix/scalar) as JSON, empty when there is no data.</summary>
    public async Task<IReadOnlyList<JsonElement>> QueryAsync(string expr)
    {
        var reply = await _http.GetFromJsonAsync<JsonElement>($"/api/v1/query?query={Uri.EscapeDataString(expr)}");
        if (reply.GetProperty("status").GetString() != "success") throw new InvalidOperationException($"query failed: {expr}: {reply}");
        var data = reply.GetProperty("data");
        var result = data.GetProperty("result");
        return data.GetProperty("resultType").GetString() == "scalar" ? [result] : result.EnumerateArray().ToList();
    }

    public async Task<IReadOnlyList<JsonElement>> TargetsAsync()
    {
        var reply = await _http.GetFromJsonAsync<JsonElement>("/api/v1/targets");
        return reply.GetProperty("data").GetProperty("activeTargets").EnumerateArray().ToList();
    }

    public void Dispose()
    {
        _http.Dispose();
        _process.Dispose();
    }
}
