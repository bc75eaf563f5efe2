using TorchSharp;
using OrleansSweep.Training.Sessions;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OrleansSweep.Training.Models;

/// <summary>
/// Stem conv (in -> F, 3x3) + L residual branches + head (global average pooling, linear F -> classes).
/// The modules are the same for every architecture; only <see cref="forward"/>'s wiring differs: d stages,
/// each h_s = h_{s-1} + sum of its L/d branches applied to h_{s-1}. d = L is the deep (sequential) net,
/// d = 1 the shallow (parallel) one.
/// </summary>
public sealed class ResidualStackNet : Module<Tensor, Tensor>
{
    private readonly Conv2d stem;
    private readonly ModuleList<ResidualBranch> branches;
    private readonly AdaptiveAvgPool2d pool;
    private readonly Linear head;
    private readonly int stages;

    public ResidualStackNet(ModelSpec spec) : base(nameof(ResidualStackNet))
    {
        spec.Validate();
        Spec = spec;
        stages = spec.Architecture.StagesFor(spec.Layers);
        stem = Conv2d(spec.InChannels, spec.Filters, 3, padding: Padding.Same);
        branches = new ModuleList<ResidualBranch>();
        for (var i = 0; i < spec.Layers; i++)
            branches.Add(new ResidualBranch(spec.Filters, spec.Kernel, spec.BatchNorm, spec.Activation));
        pool = AdaptiveAvgPool2d(1);
        head = Linear(spec.Filters, spec.Classes);
        RegisterComponents();
    }

    public ModelSpec Spec { get; }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var h = stem.forward(input);
        var perStage = branches.Count / stages;
        for (var s = 0; s < stages; s++)
        {
            var stageInput = h;
            for (var i = s * perStage; i < (s + 1) * perStage; i++)
                h = h.add(branches[i].forward(stageInput), KeptScalars.One);   // not h + …: its alpha would be a temporary
        }
        return head.forward(pool.forward(h).flatten(1)).MoveToOuterDisposeScope();
    }
}
