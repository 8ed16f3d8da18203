using FairMtl.Torch.Modules;
using TorchParameter = TorchSharp.Modules.Parameter;

namespace FairMtl.Torch.Training;

/// <summary>torch.optim.SGD: b = g at the first step, then b = mu b + g; p -= lr b (p -= lr g without momentum).</summary>
internal sealed class SgdOptimizer : TorchOptimizer
{
    private readonly double _learningRate;
    private readonly double _momentum;
    private readonly TorchSharp.torch.Tensor[] _buffers;
    private bool _started;

    public SgdOptimizer(IReadOnlyList<TorchParameter> parameters, double learningRate, double momentum)
        : base(parameters)
    {
        (_learningRate, _momentum) = (learningRate, momentum);
        _buffers = momentum == 0 ? [] : State();
    }

    protected override void StepParameters()
    {
        var rate = TorchScalars.Of(-_learningRate);
        var momentum = TorchScalars.Of(_momentum);
        for (var p = 0; p < Parameters.Count; p++)
        {
            var grad = Parameters[p].grad;
            if (grad is null)
            {
                continue;
            }

            if (_momentum == 0)
            {
                Parameters[p].add_(grad, rate);
                continue;
            }

            var buffer = _buffers[p];
            if (_started)
            {
                buffer.mul_(momentum).add_(grad, TorchScalars.One);
            }
            else
            {
                buffer.copy_(grad);
            }

            Parameters[p].add_(buffer, rate);
        }

        _started = true;
    }

    protected override void DisposeState() => Dispose(_buffers);
}
