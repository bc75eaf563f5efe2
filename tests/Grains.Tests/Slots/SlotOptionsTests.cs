using Microsoft.Extensions.Configuration;
using OrleansSweep.Hosting;
using OrleansSweep.Grains.Slots;

namespace OrleansSweep.Grains.Tests.Slots;

/// <summary>The <c>Slots</c> settings: read with their defaults, and a bad one is a one-line error naming it.</summary>
public sealed class SlotOptionsTests
{
    [Fact]
    public void Settings_are_read_and_missing_ones_keep_their_defaults()
    {
        var options = SlotOptions.From(Section(("Count", "3"), ("ClaimAheadBelow", "00:00:00.500")));
        Assert.Equal(3, options.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.ClaimAheadBelow);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.PollInterval);
    }

    [Theory]
    [InlineData("ClaimAheadBelow", "soon", "Slots: Failed to convert configuration value 'soon' at 'Slots:ClaimAheadBelow'")]
    [InlineData("Count", "two", "Slots: Failed to convert configuration value 'two' at 'Slots:Count'")]
    [InlineData("Count", "-1", "Slots:Count: must be 0 or more, got -1")]
    [InlineData("ThreadsPerSlot", "-2", "Slots:ThreadsPerSlot: must be 0 (cores ÷ slots) or more, got -2")]
    [InlineData("PollInterval", "00:00:00", "Slots:PollInterval: must be positive, got 00:00:00")]
    [InlineData("ClaimAheadBelow", "-00:00:01", "Slots:ClaimAheadBelow: must be 0 (never) or positive, got -00:00:01")]
    public void A_bad_setting_is_a_one_line_error_naming_it(string key, string value, string expected)
    {
        var error = Assert.Throws<ConfigurationError>(() => SlotOptions.From(Section((key, value))));
        Assert.StartsWith(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static IConfigurationSection Section(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"Slots:{s.Key}", s.Value)))
            .Build()
            .GetSection(SlotOptions.Section);
}
