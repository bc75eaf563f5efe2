namespace OrleansSweep.Client.Reports.Markdown;

/// <summary>The paper's summary table.</summary>
public static class SummarySection
{
    public static string Render(IReadOnlyList<SummaryCell> cells) =>
        "## Summary by dataset × architecture × Q bin\n\n"
        + "\"trials\" counts every trial; \"analysed\" those in the means (completed, finite losses). "
        + "Gap = validation − training loss.\n\n"
        + MarkdownTable.Render(
            ["dataset", "architecture", "Q bin", "trials", "analysed", "mean train loss", "mean val loss", "mean gap"],
            cells.Select(c => (IReadOnlyList<string>)
            [
                c.Dataset, c.Architecture, c.QBin, Format.Integer(c.Trials), Format.Integer(c.Analysed),
                Format.Loss(c.MeanTrainLoss), Format.Loss(c.MeanValLoss), Format.Loss(c.MeanGap),
            ]));
}
