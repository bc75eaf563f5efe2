using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansSweep.Silo.Tests.Dashboards;

/// <summary>The PromQL of a Grafana dashboard JSON: every panel's targets (rows' nested panels included) and the template variables.</summary>
public sealed partial record DashboardQueries(IReadOnlyList<PanelQuery> Panels, IReadOnlyList<string> Variables)
{
    public static DashboardQueries Load(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        var panels = AllPanels(root.GetProperty("panels"))
            .Where(p => p.GetProperty("type").GetString() != "row")
            .SelectMany(p => Targets(p).Select(expr => new PanelQuery(p.GetProperty("title").GetString()!, expr)))
            .ToList();
        var variables = root.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Select(v => v.GetProperty("definition").GetString()!)
            .ToList();
        return new DashboardQueries(panels, variables);
    }

    /// <summary>Grafana's substitution: template variables and <c>$__rate_interval</c>.</summary>
    public static string Substitute(string expr, IReadOnlyDictionary<string, string> variables, string rateInterval) =>
        VariablePattern().Replace(expr, m => m.Groups[1].Value == "__rate_interval" ? rateInterval
            : variables.TryGetValue(m.Groups[1].Value, out var value) ? value
            : throw new InvalidOperationException($"unknown template variable ${m.Groups[1].Value} in: {expr}"));

    /// <summary><c>label_values(metric, label)</c> as PromQL: <c>group by (label) (metric)</c>.</summary>
    public static string LabelValuesQuery(string definition)
    {
        var match = LabelValuesPattern().Match(definition);
        return match.Success ? $"group by ({match.Groups[2].Value}) ({match.Groups[1].Value})"
            : throw new InvalidOperationException($"not a label_values() query: {definition}");
    }

    private static IEnumerable<JsonElement> AllPanels(JsonElement panels) =>
        panels.EnumerateArray().SelectMany(p =>
            p.TryGetProperty("panels", out var nested) ? AllPanels(nested).Prepend(p) : [p]);

    private static IEnumerable<string> Targets(JsonElement panel) =>
        panel.TryGetProperty("targets", out var targets)
            ? targets.EnumerateArray().Select(t => t.GetProperty("expr").GetString()!)
            : [];

    [GeneratedRegex(@"\$\{?(\w+)\}?")]
    private static partial Regex VariablePattern();

    [GeneratedRegex(@"^label_values\(\s*([^,]+?)\s*,\s*(\w+)\s*\)$")]
    private static partial Regex LabelValuesPattern();
}

public sealed record PanelQuery(string Panel, string Expr);
