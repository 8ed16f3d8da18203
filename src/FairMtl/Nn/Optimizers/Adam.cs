namespace FairMtl.Nn.Optimizers;

/// <summary>
/// Adam with bias correction, in PyTorch's formulation:
/// p -= lr * m_hat / (sqrt(v_hat) + eps), m_hat = m / (1 - b1^t), v_hat = v / (1 - b2^t).
/// </summary>
public sealed class Adam : IOptimizer
{
    private readonly IReadOnlyList<Parameter> _parameters;
    private readonly float[][] _m;
    private readonly float[][] _v;
    private readonly double _learningRate;
    private readonly float _beta1;
    private readonly float _beta2;
    private readonly float _epsilon;
    private int _step;

    public Adam(IReadOnlyList<Parameter> parameters, double learningRate, double beta1, double beta2, double epsilon)
    {
        _parameters = parameters;
        _m = parameters.Select(p => new float[p.Value.Length]).ToArray();
        _v = parameters.Select(p => new float[p.Value.Length]).ToArray();
        _learningRate = learningRate;
        _beta1 = (float)beta1;
        _beta2 = (float)beta2;
        _epsilon = (float)epsilon;
    }

    public void Step()
    {
        _step++;
        var correction1 = 1.0 - Math.Pow(_beta1, _step);
        var correction2 = 1.0 - Math.Pow(_beta2, _step);
        var stepSize = (float)(_learningRate / correction1);
        var sqrtCorrection2 = (float)Math.Sqrt(correction2);
        var oneMinusBeta1 = 1f - _beta1;
        var oneMinusBeta2 = 1f - _beta2;
        for (var p = 0; p < _parameters.Count; p++)
        {
            var value = _parameters[p].Value;
            var grad = _parameters[p].Gradient;
            var m = _m[p];
            var v = _v[p];
            for (var i = 0; i < value.Length; i++)
            {
                var g = grad[i];
                m[i] = _beta1 * m[i] + oneMinusBeta1 * g;
                v[i] = _beta2 * v[i] + oneMinusBeta2 * g * g;
                var denominator = MathF.Sqrt(v[i]) / sqrtCorrection2 + _epsilon;
                value[i] -= stepSize * m[i] / denominator;
            }
        }
    }

    public void Reset()
    {
        _step = 0;
        foreach (var m in _m)
        {
            Array.Clear(m);
        }

        foreach (var v in _v)
        {
            Array.Clear(v);
        }
    }
}
