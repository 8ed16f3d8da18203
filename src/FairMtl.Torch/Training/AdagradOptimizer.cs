using FairMtl.Torch.Modules;
using TorchParameter = TorchSharp.Modules.Parameter;

namespace FairMtl.Torch.Training;

/// <summary>torch.optim.Adagrad without a learning-rate decay: a = a + g^2 (a starting at the initial accumulator);
/// p -= lr g / (sqrt(a) + eps).</summary>
internal sealed class AdagradOptimizer : TorchOptimizer
{
    private readonly double _learningRate;
    private readonly double _epsilon;
    private readonly TorchSharp.torch.Tensor[] _sums;

    public AdagradOptimizer(IReadOnlyList<TorchParameter> parameters, double learningRate, double initialAccumulator, double epsilon)
        : base(parameters)
    {
        (_learningRate, _epsilon) = (learningRate, epsilon);
        _sums = State(initialAccumulator);
    }

    protected override void StepParameters()
    {
        var rate = TorchScalars.Of(-_learningRate);
        var one = TorchScalars.Of(1.0);
        var epsilon = TorchScalars.Of(_epsilon);
        for (var p = 0; p < Parameters.Count; p++)
        {
            var grad = Parameters[p].grad;
            if (grad is null)
            {
                continue;
            }

            _sums[p].addcmul_(grad, grad, one);
            using var denominator = _sums[p].sqrt().add_(epsilon, TorchScalars.One);
            Parameters[p].addcdiv_(grad, denominator, rate);
        }
    }

    protected override void DisposeState() => Dispose(_sums);
}
