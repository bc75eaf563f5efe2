namespace OrleansSweep.Client.Reports.Markdown;

/// <summary>Loss against depth d at fixed parameters (only for sweeps with a staged:d arm).</summary>
public static class DepthSection
{
    public static string Render(IReadOnlyList<DepthCell> cells, string? plot) =>
        "## Depth at fixed parameters\n\n"
        + "The same L layers arranged in d sequential stages (d = 1 parallel, d = L sequential) have the same "
        + "parameters; each line holds the dataset and L fixed.\n\n"
        + MarkdownTable.Render(
            ["dataset", "L", "depth d", "trials", "mean val loss", "mean train loss"],
            cells.Select(c => (IReadOnlyList<string>)
            [
                c.Dataset, Format.Integer(c.Layers), Format.Integer(c.Depth), Format.Integer(c.Trials),
                Format.Loss(c.MeanValLoss), Format.Loss(c.MeanTrainLoss),
            ]))
        + (plot is null ? "" : $"\n![Validation loss against depth]({plot})\n");
}
