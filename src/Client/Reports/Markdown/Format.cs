using System.Globalization;
using OrleansSweep.Client.Reports.Statistics;

namespace OrleansSweep.Client.Reports.Markdown;

/// <summary>How numbers read in the report (invariant culture).</summary>
public static class Format
{
    public static string Loss(double? value) => value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "–";

    public static string Share(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);

    public static string WithInterval(double estimate, Interval interval) =>
        $"{Loss(estimate)} [{Loss(interval.Low)}, {Loss(interval.High)}]";

    public static string P(WilcoxonResult test) =>
        double.IsNaN(test.P) ? "n/a (all differences zero)"
        : (test.P < 0.0001 ? "<0.0001" : test.P.ToString("0.0000", CultureInfo.InvariantCulture))
          + (test.Exact ? " (exact)" : " (normal)");

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);
}
