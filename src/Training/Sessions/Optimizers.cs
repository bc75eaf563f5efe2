using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Optimizer = OrleansSweep.Training.Vocabulary.Optimizer;

namespace OrleansSweep.Training.Sessions;

/// <summary>
/// The optimizers a trial trains with: TorchSharp's Adam, AdamW and SGD (their options, state and checkpoint format), each
/// with a step that holds every Scalar it passes to libtorch. TorchSharp's own steps pass temporaries (<c>alpha: 1 -
/// beta1</c> and the like), which the garbage collector may free while libtorch reads them (<see cref="KeptScalars"/>):
/// a trial then fails now and then with libtorch's "Expected false to be true" from <c>Scalar::toFloat</c> inside
/// <c>add_</c>. The arithmetic is the same, operation for operation, so training is bit-identical to TorchSharp's
/// (<c>OptimizersTests</c>).
/// </summary>
public static class Optimizers
{
    /// <summary>Hyperparameters as TorchSharp's factories (<c>torch.optim.Adam(parameters, lr)</c>, …) set them, and SGD
    /// with momentum 0.9.</summary>
    public static OptimizerHelper Create(Optimizer optimizer, IEnumerable<Parameter> parameters, double learningRate) =>
        optimizer switch
        {
            Optimizer.Adam => new Adam(parameters, learningRate),
            Optimizer.AdamW => new AdamW(parameters, learningRate),
            Optimizer.Sgd => new SGD(parameters, learningRate),
            _ => throw new ArgumentException($"optimizer: unknown value {(int)optimizer}"),
        };

    private const double AdamBeta1 = 0.9, AdamBeta2 = 0.999, AdamEpsilon = 1e-8, SgdMomentum = 0.9;

    // Named as TorchSharp's: its state format records the optimizer's type name, so checkpoints stay interchangeable.
    private sealed class Adam(IEnumerable<Parameter> parameters, double lr)
        : TorchSharp.Modules.Adam(parameters, lr, AdamBeta1, AdamBeta2, AdamEpsilon, weight_decay: 0, amsgrad: false, maximize: false)
    {
        public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
        {
            var o = group.Options;
            using var adam = new AdamScalars(o.beta1!.Value, o.beta2!.Value, o.eps!.Value);
            foreach (var param in group.Parameters)
            {
                using var grad = param.grad;
                if (grad is null) continue;
                var state = (State)_state[param.Handle];
                state.step += 1;
                adam.Update(param, grad, state.exp_avg, state.exp_avg_sq, state.step, o.LearningRate!.Value);
            }
        }, closure);
    }

    private sealed class AdamW(IEnumerable<Parameter> parameters, double lr)
        : TorchSharp.Modules.AdamW(parameters, lr, AdamBeta1, AdamBeta2, AdamEpsilon, weight_decay: 0, amsgrad: false, maximize: false)
    {
        public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
        {
            var o = group.Options;
            var lr = o.LearningRate!.Value;
            using var decay = (1 - lr * o.weight_decay!.Value).ToScalar();
            using var adam = new AdamScalars(o.beta1!.Value, o.beta2!.Value, o.eps!.Value);
            foreach (var param in group.Parameters)
            {
                using var grad = param.grad;
                if (grad is null) continue;
                var state = (State)_state[param.Handle];
                state.step += 1;
                param.mul_(decay);                                  // decoupled weight decay, before the Adam update
                adam.Update(param, grad, state.exp_avg, state.exp_avg_sq, state.step, lr);
            }
        }, closure);
    }

    private sealed class SGD(IEnumerable<Parameter> parameters, double lr)
        : TorchSharp.Modules.SGD(parameters, lr, SgdMomentum, dampening: 0, weight_decay: 0, nesterov: false, maximize: false)
    {
        public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
        {
            var o = group.Options;
            using var momentum = o.momentum!.Value.ToScalar();
            using var undamped = (1 - o.dampening!.Value).ToScalar();
            using var descent = (-o.LearningRate!.Value).ToScalar();
            foreach (var param in group.Parameters)
            {
                using var grad = param.grad;
                if (grad is null) continue;
                var state = (State)_state[param.Handle];
                if (state.momentum_buffer is null)
                    state.momentum_buffer = grad.clone().detach().DetachFromDisposeScope();
                else
                    state.momentum_buffer.mul_(momentum).add_(grad, undamped);
                param.add_(state.momentum_buffer, descent);
            }
        }, closure);
    }

    /// <summary>A parameter group's Adam coefficients for one step, held while libtorch reads them.</summary>
    private sealed class AdamScalars(double beta1, double beta2, double eps) : IDisposable
    {
        private readonly Scalar _beta1 = beta1.ToScalar(), _oneMinusBeta1 = (1 - beta1).ToScalar();
        private readonly Scalar _beta2 = beta2.ToScalar(), _oneMinusBeta2 = (1 - beta2).ToScalar();
        private readonly Scalar _epsilon = eps.ToScalar();

        /// <summary>One Adam update of <paramref name="param"/> at its step <paramref name="step"/> (counted from 1).</summary>
        public void Update(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, long step, double lr)
        {
            using var rootCorrection2 = Math.Sqrt(1 - Math.Pow(beta2, step)).ToScalar();
            using var stepSize = (-(lr / (1 - Math.Pow(beta1, step)))).ToScalar();
            expAvg.mul_(_beta1).add_(grad, _oneMinusBeta1);
            expAvgSq.mul_(_beta2).addcmul_(grad, grad, _oneMinusBeta2);
            using var denominator = expAvgSq.sqrt().div_(rootCorrection2).add_(_epsilon);
            param.addcdiv_(expAvg, denominator, stepSize);
        }

        public void Dispose()
        {
            foreach (var scalar in new[] { _beta1, _oneMinusBeta1, _beta2, _oneMinusBeta2, _epsilon }) scalar.Dispose();
        }
    }
}
