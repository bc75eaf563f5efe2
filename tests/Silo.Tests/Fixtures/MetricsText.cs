namespace OrleansSweep.Silo.Tests.Fixtures;

/// <summary>A scrape of a Prometheus text endpoint, as its series (one per sample line: name and labels).</summary>
public sealed class MetricsText(IReadOnlyList<string> series)
{
    public IReadOnlyList<string> Series => series;

    public static async Task<MetricsText> ScrapeAsync(HttpClient http)
    {
        var text = await http.GetStringAsync("/metrics");
        var lines = text.Split('\n').Where(l => l.Length > 0 && l[0] != '#');
        // "name{labels} value": the series is everything before the value.
        return new MetricsText(lines.Select(l => l[..l.LastIndexOf(' ')]).ToList());
    }

    public IEnumerable<string> Product => series.Where(s => s.StartsWith("orleans_sweep_"));

    public IEnumerable<string> WithLabel(string label, string value) => series.Where(s => s.Contains($"{label}=\"{value}\""));

    /// <summary>The value of the one series of <paramref name="name"/> carrying <paramref name="label"/> in a scrape's text; null when none does.</summary>
    public static string? Value(string text, string name, (string Name, string Value) label) =>
        text.Split('\n').SingleOrDefault(l => l.StartsWith(name + "{", StringComparison.Ordinal) && l.Contains($"{label.Name}=\"{label.Value}\""))
            ?.Split(' ')[^1];

    public IEnumerable<string> Named(string name) => series.Where(s => s == name || s.StartsWith(name + "{"));
}
