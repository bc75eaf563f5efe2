using System.Security.Cryptography;
using OrleansSweep.Training.Data;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Tests.Data.Fixtures;

/// <summary>Catalogs for generated files: the real hashes of the files in a directory, served by given mirrors.</summary>
public static class TestCatalog
{
    public static DatasetCatalog For(Dataset kind, string directory, IEnumerable<string> fileNames, params Uri[] mirrors) =>
        DatasetCatalog.Official.With(new DatasetCatalogEntry(kind,
            [.. fileNames.Select(name => Describe(Path.Combine(directory, name)))],
            mirrors.Length > 0 ? mirrors : [new Uri("http://127.0.0.1:1/unused/")]));

    public static DatasetFile Describe(string path) =>
        new(Path.GetFileName(path), new FileInfo(path).Length, Sha256(File.ReadAllBytes(path)));

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
