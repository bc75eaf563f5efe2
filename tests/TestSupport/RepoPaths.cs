namespace OrleansSweep.TestSupport;

/// <summary>Where the repository's files and the built silo are, found from this test assembly's folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Deploy(params string[] parts) => Path.Combine([Root, "deploy", .. parts]);

    public static string Docs(params string[] parts) => Path.Combine([Root, "docs", .. parts]);

    /// <summary>The silo built with the same configuration and runtime folder as these tests (bin/Release/net10.0/linux-x64/).</summary>
    public static string SiloDll => Built("Silo", "OrleansSweep.Silo.dll");

    /// <summary>The CLI built like the silo (src/Client/bin/…/orleans-sweep.dll).</summary>
    public static string CliDll => Built("Client", "orleans-sweep.dll");

    // The part of this test assembly's folder below its project's bin/ (e.g. Release/net10.0/linux-x64/).
    private static string Built(string project, string dll)
    {
        var below = AppContext.BaseDirectory[(AppContext.BaseDirectory.LastIndexOf($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) + 5)..];
        var path = Path.Combine(Root, "src", project, "bin", below, dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"src/{project} is not built: {path}");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OrleansSweep.sln"))) return dir.FullName;
        throw new InvalidOperationException($"OrleansSweep.sln not found above {AppContext.BaseDirectory}");
    }
}
