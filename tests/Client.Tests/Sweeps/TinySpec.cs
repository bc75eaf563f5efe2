namespace OrleansSweep.Client.Tests.Sweeps;

/// <summary>A sweep of four tiny real Fashion-MNIST trials (two twins pairs), seconds each on two cores.</summary>
public static class TinySpec
{
    public static string Yaml(string name, int epochs = 3) => $"""
        name: {name}
        seed: 11
        data:
          subset: 600
          dirs:
            fashion-mnist: {CliProcess.FashionMnist}
        factors:
          dataset: [fashion-mnist]
          architecture: [sequential, parallel]
          layers: [2]
          filters: [4, 8]
          kernel: [3]
          activation: [relu]
          batchNorm: [false]
          optimizer: [adam]
          learningRate: [1e-3]
          batchSize: [64]
        epochs: {epochs}
        replicates: 1
        """;

    public static string Write(string directory, string name, int epochs = 3)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".yaml");
        File.WriteAllText(path, Yaml(name, epochs));
        return path;
    }
}
