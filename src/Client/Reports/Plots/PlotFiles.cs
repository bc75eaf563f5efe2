using ScottPlot;

namespace OrleansSweep.Client.Reports.Plots;

/// <summary>Saves a plot as name.png and name.svg in a folder; returns the PNG's file name for the report to link.</summary>
public static class PlotFiles
{
    public const int Width = 900, Height = 600;

    public static string Save(Plot plot, string directory, string name)
    {
        plot.SavePng(Path.Combine(directory, name + ".png"), Width, Height);
        plot.SaveSvg(Path.Combine(directory, name + ".svg"), Width, Height);
        return name + ".png";
    }
}
