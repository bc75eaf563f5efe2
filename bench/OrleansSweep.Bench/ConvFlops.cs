using OrleansSweep.Training.Models;

namespace OrleansSweep.Bench;

/// <summary>Floating-point work of one training sample: forward MACs of the convs and the head, x2 (FLOPs), x3 (backward ~ 2x forward).</summary>
public static class ConvFlops
{
    public static double TrainingFlopsPerSample(ModelSpec spec, int height, int width)
    {
        double pixels = height * width;
        var stem = pixels * spec.InChannels * spec.Filters * 3 * 3;
        var branches = spec.Layers * pixels * spec.Filters * spec.Filters * spec.Kernel * spec.Kernel;
        var head = (double)spec.Filters * spec.Classes;
        return 3 * 2 * (stem + branches + head);
    }
}
