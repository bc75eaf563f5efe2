using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace OrleansSweep.Grains.Specs;

/// <summary>Typed scalars: each returns null after recording "path: reason" when the value is unusable.</summary>
internal sealed partial class YamlFieldReader
{
    public string? String(YamlNode node, string path)
    {
        var text = Scalar(node, path, "a string");
        if (text is not null && text.Trim().Length == 0)
        {
            Error(path, "must not be empty");
            return null;
        }
        return text?.Trim();
    }

    public long? Long(YamlNode node, string path, long min = long.MinValue)
    {
        var text = Scalar(node, path, "an integer");
        if (text is null)
            return null;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Error(path, $"must be an integer, got '{text}'");
            return null;
        }
        if (value < min)
        {
            Error(path, min == 1 ? $"must be positive, got {value}" : $"must be at least {min}, got {value}");
            return null;
        }
        return value;
    }

    public int? Int(YamlNode node, string path, int min = 1)
    {
        var value = Long(node, path, min);
        if (value is > int.MaxValue)
        {
            Error(path, $"must be at most {int.MaxValue}, got {value}");
            return null;
        }
        return (int?)value;
    }

    /// <summary>A finite number, > 0 when <paramref name="positive"/>, else ≥ 0.</summary>
    public double? Double(YamlNode node, string path, bool positive)
    {
        var text = Scalar(node, path, "a number");
        if (text is null)
            return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            Error(path, $"must be a number, got '{text}'");
            return null;
        }
        if (positive ? value <= 0 : value < 0)
        {
            Error(path, $"must be {(positive ? "positive" : "zero or more")}, got {text}");
            return null;
        }
        return value;
    }

    /// <summary>true/false (also on/off, yes/no: DESIGN's table says "off, on" for batch norm).</summary>
    public bool? Bool(YamlNode node, string path)
    {
        var text = Scalar(node, path, "true or false");
        switch (text?.ToLowerInvariant())
        {
            case null:
                return null;
            case "true" or "on" or "yes":
                return true;
            case "false" or "off" or "no":
                return false;
            default:
                Error(path, $"must be true or false, got '{text}'");
                return null;
        }
    }

    private string? Scalar(YamlNode node, string path, string expected)
    {
        Remember(path, node);
        if (node is YamlScalarNode scalar && !IsNull(scalar))
            return scalar.Value;
        Error(path, $"must be {expected}, got {Describe(node)}");
        return null;
    }
}
