using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using OrleansSweep.Training.Vocabulary;

namespace OrleansSweep.Training.Models;

/// <summary>
/// One residual branch F_i: a shape-keeping conv (F -> F, stride 1, 'same' padding), optional batch norm,
/// then the activation. Field names are the state_dict keys ("conv.weight", "norm.running_mean").
/// </summary>
public sealed class ResidualBranch : Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly BatchNorm2d? norm;
    private readonly Module<Tensor, Tensor> activation;

    public ResidualBranch(int filters, int kernel, bool batchNorm, Activation activation)
        : base(nameof(ResidualBranch))
    {
        conv = Conv2d(filters, filters, kernel, padding: Padding.Same);
        norm = batchNorm ? BatchNorm2d(filters) : null;
        this.activation = activation == Activation.Relu ? ReLU() : Tanh();
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var z = conv.forward(input);
        if (norm is not null) z = norm.forward(z);
        return activation.forward(z).MoveToOuterDisposeScope();
    }
}
