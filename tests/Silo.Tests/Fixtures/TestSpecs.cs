using OrleansSweep.Grains.Specs;
using OrleansSweep.Wire;

namespace OrleansSweep.Silo.Tests.Fixtures;

public static class TestSpecs
{
    /// <summary>
    /// 2 architectures × 2 depths × 5 widths × 5 learning rates = 100 configurations, × <paramref name="replicates"/>.
    /// With a 1,000-sample subset the simulated trainer's parameter counts put trials in all four Q bins.
    /// </summary>
    public static SweepSpec Grid(string name, int replicates, int epochs = 1, int leaseSeconds = 30) =>
        SweepSpecParser.Parse($$"""
            name: {{name}}
            seed: 5
            data: { subset: 1000 }
            factors:
              dataset: [fashion-mnist]
              architecture: [sequential, parallel]
              layers: [2, 4]
              filters: [4, 8, 16, 24, 32]
              kernel: [3]
              activation: [relu]
              batchNorm: [false]
              optimizer: [adam]
              learningRate: [1e-2, 3e-3, 1e-3, 3e-4, 1e-4]
              batchSize: [32]
            replicates: {{replicates}}
            epochs: {{epochs}}
            leaseTimeoutSeconds: {{leaseSeconds}}
            """).Spec ?? throw new InvalidOperationException("the test spec is invalid");

    public static async Task<SweepStatus> WaitForEndAsync(IGrainFactory grains, string sweepId, TimeSpan timeout)
    {
        SweepStatus? status = null;
        await Wait.UntilAsync(async () =>
        {
            status = await grains.GetGrain<ISweepGrain>(sweepId).GetStatus();
            return status.Phase is SweepPhase.Completed or SweepPhase.Cancelled;
        }, timeout, $"sweep {sweepId} ending", TimeSpan.FromMilliseconds(250));
        return status!;
    }
}
