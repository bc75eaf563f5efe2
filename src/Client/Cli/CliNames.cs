namespace OrleansSweep.Client.Cli;

/// <summary>Command-line spellings of enum values: lower-case member names, nothing numeric.</summary>
public static class CliNames
{
    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    public static string Choices<TEnum>() where TEnum : struct, Enum => string.Join('|', Enum.GetValues<TEnum>().Select(Of));
}
