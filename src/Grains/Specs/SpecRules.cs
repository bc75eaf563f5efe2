using System.Globalization;

namespace OrleansSweep.Grains.Specs;

/// <summary>Rules that span fields, run once every field has been read successfully.</summary>
internal static class SpecRules
{
    public static IEnumerable<(string Path, string Reason)> Check(SweepSpec spec)
    {
        var layers = spec.Factors.Layers;
        for (var i = 0; i < spec.Factors.Architecture.Length; i++)
        {
            var architecture = spec.Factors.Architecture[i];
            var undivided = layers.Where(l => architecture.CannotArrange(l) is not null).ToList();
            if (undivided.Count > 0)
                yield return ($"factors.architecture[{i}]",
                    $"{architecture} does not divide layers {string.Join(", ", undivided.Select(l => Invariant(l)))} "
                    + "(d stages need L/d branches each, for every L in factors.layers)");
        }

        if (spec.Data.Subset is { } subset)
            foreach (var dataset in spec.Factors.Dataset.Where(d => subset > d.TrainSize))
                yield return ("data.subset", $"{Invariant(subset)} is more than {dataset}'s {Invariant(dataset.TrainSize)} training images");

        var size = TrialGrid.TrySize(spec);
        if (size is null)
            yield return ("factors", "the grid has more than 2^63 trials");
        else if (spec.Sample is { } sample && sample > size)
            yield return ("sample", $"{Invariant(sample)} exceeds the grid size {Invariant(size.Value)}");
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
