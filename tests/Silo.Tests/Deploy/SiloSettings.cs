using System.Reflection;
using OrleansSweep.Hosting;
using OrleansSweep.Grains.Metrics;
using OrleansSweep.Grains.Slots;
using OrleansSweep.Grains.Trials;

namespace OrleansSweep.Silo.Tests.Deploy;

/// <summary>The configuration keys the silo reads, from the options classes it binds, as environment variable names (<c>Orleans__Redis</c>).</summary>
public static class SiloSettings
{
    public static IReadOnlySet<string> Names { get; } = Collect();

    /// <summary>Configuration keys have a section (<c>Section__Key</c>); other variables (POD_IP, NVIDIA_…) are not settings.</summary>
    public static bool IsSetting(string name) => name.Contains("__");

    private static HashSet<string> Collect()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Trainer__Kind", $"{SweepObservability.Section}__Urls" };
        Add(names, HostingOptions.Section, typeof(HostingOptions));
        Add(names, $"{HostingOptions.Section}__{nameof(HostingOptions.Tls)}", typeof(TlsSettings));
        Add(names, SlotOptions.Section, typeof(SlotOptions));
        Add(names, "Trainer", typeof(SimulatedTrainerOptions));
        return names;
    }

    /// <summary>Settable scalar properties (what configuration binding fills).</summary>
    private static void Add(HashSet<string> names, string section, Type options)
    {
        foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            if (property.CanWrite && (property.PropertyType.IsPrimitive || property.PropertyType == typeof(string)
                || property.PropertyType == typeof(TimeSpan) || Nullable.GetUnderlyingType(property.PropertyType) is not null))
                names.Add($"{section}__{property.Name}");
    }
}
