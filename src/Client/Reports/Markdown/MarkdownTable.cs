using System.Text;

namespace OrleansSweep.Client.Reports.Markdown;

/// <summary>A GitHub-flavoured Markdown table; pipes inside cells are escaped.</summary>
public static class MarkdownTable
{
    public static string Render(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        Line(text, headers);
        Line(text, headers.Select(_ => "---").ToList());
        foreach (var row in rows) Line(text, row);
        return text.ToString();
    }

    private static void Line(StringBuilder text, IReadOnlyList<string> cells) =>
        text.Append("| ").AppendJoin(" | ", cells.Select(c => c.Replace("|", "\\|"))).Append(" |\n");
}
