namespace OrleansSweep.Grains.Specs;

/// <summary>Resolves what a user typed (a spec file, or a preset name) to a parsed spec.</summary>
public static class SpecSource
{
    /// <summary>An existing file wins; otherwise a preset of that name; otherwise one error naming both options.
    /// Relative data folders in a preset resolve against the current directory.</summary>
    public static SpecParseResult Load(string fileOrPreset, ISweepSpecCheck? check = null)
    {
        if (File.Exists(fileOrPreset))
            return SweepSpecParser.ParseFile(fileOrPreset, check);
        if (Presets.Read(fileOrPreset) is { } yaml)
            return SweepSpecParser.Parse(yaml, Environment.CurrentDirectory, check);
        return SpecParseResult.Invalid("spec",
            $"'{fileOrPreset}' is neither a file nor a preset (presets: {string.Join(", ", Presets.Names)})");
    }
}
