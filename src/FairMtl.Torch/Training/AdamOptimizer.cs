using FairMtl.Torch.Modules;
using TorchParameter = TorchSharp.Modules.Parameter;

namespace FairMtl.Torch.Training;

/// <summary>torch.optim.Adam: m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2, p -= (lr / (1 - b1^t)) m /
/// (sqrt(v) / sqrt(1 - b2^t) + eps).</summary>
internal sealed class AdamOptimizer : TorchOptimizer
{
    private readonly double _learningRate;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _epsilon;
    private readonly TorchSharp.torch.Tensor[] _m;
    private readonly TorchSharp.torch.Tensor[] _v;
    private int _step;

    public AdamOptimizer(IReadOnlyList<TorchParameter> parameters, double learningRate, double beta1, double beta2, double epsilon)
        : base(parameters)
    {
        (_learningRate, _beta1, _beta2, _epsilon) = (learningRate, beta1, beta2, epsilon);
        _m = State();
        _v = State();
    }

    protected override void StepParameters()
    {
        _step++;
        var stepSize = TorchScalars.Of(-_learningRate / (1 - Math.Pow(_beta1, _step)));
        var correction = TorchScalars.Of(Math.Sqrt(1 - Math.Pow(_beta2, _step)));
        var (beta1, rest1) = (TorchScalars.Of(_beta1), TorchScalars.Of(1 - _beta1));
        var (beta2, rest2) = (TorchScalars.Of(_beta2), TorchScalars.Of(1 - _beta2));
        var epsilon = TorchScalars.Of(_epsilon);
        for (var p = 0; p < Parameters.Count; p++)
        {
            var grad = Parameters[p].grad;
            if (grad is null)
            {
                continue;
            }

            _m[p].mul_(beta1).add_(grad, rest1);
            _v[p].mul_(beta2).addcmul_(grad, grad, rest2);
            using var denominator = _v[p].sqrt().div_(correction).add_(epsilon, TorchScalars.One);
            Parameters[p].addcdiv_(_m[p], denominator, stepSize);
        }
    }

    protected override void DisposeState()
    {
        Dispose(_m);
        Dispose(_v);
    }
}
