using MathNet.Numerics.Statistics;

namespace OrleansSweep.Client.Reports.Statistics;

/// <summary>
/// Percentile bootstrap confidence intervals: resample with replacement, compute the statistic on each resample,
/// take the (1 − level)/2 and (1 + level)/2 quantiles (R's type 7) of those values. Seeded, hence reproducible.
/// </summary>
public static class Bootstrap
{
    public const int DefaultResamples = 10_000;

    /// <summary>Resampled values per interval at most: a group of n values gets <see cref="DefaultResamples"/>
    /// resamples, or fewer when n is large (never below <see cref="MinResamples"/>), so a report of 100,000 trials
    /// takes seconds, not minutes. The interval's Monte Carlo error depends on the resamples, not on n.</summary>
    public const long DrawBudget = 50_000_000;

    public const int MinResamples = 1_000;

    /// <summary>The resamples a group of <paramref name="n"/> values gets, at most <paramref name="requested"/>.</summary>
    public static int ResamplesFor(int n, int requested = DefaultResamples) =>
        (int)Math.Clamp(DrawBudget / Math.Max(n, 1), Math.Min(MinResamples, requested), requested);

    /// <param name="statistic">Computed on a scratch buffer it may reorder (e.g. an in-place median).</param>
    public static Interval Percentile(
        IReadOnlyList<double> sample, Func<double[], double> statistic, int seed,
        int resamples = DefaultResamples, double level = 0.95)
    {
        if (sample.Count == 0) throw new ArgumentException("the sample is empty", nameof(sample));
        if (resamples < 1) throw new ArgumentOutOfRangeException(nameof(resamples), resamples, "must be positive");
        var random = new Random(seed);
        var buffer = new double[sample.Count];
        var estimates = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            for (var i = 0; i < buffer.Length; i++) buffer[i] = sample[random.Next(sample.Count)];
            estimates[b] = statistic(buffer);
        }
        Array.Sort(estimates);
        var tail = (1 - level) / 2;
        return new Interval(
            SortedArrayStatistics.QuantileCustom(estimates, tail, QuantileDefinition.R7),
            SortedArrayStatistics.QuantileCustom(estimates, 1 - tail, QuantileDefinition.R7));
    }

    public static double Mean(double[] values) => ArrayStatistics.Mean(values);

    public static double Median(double[] values) => ArrayStatistics.MedianInplace(values);
}

/// <summary>A confidence interval [Low, High].</summary>
public sealed record Interval(double Low, double High)
{
    public bool Contains(double value) => Low <= value && value <= High;
}
