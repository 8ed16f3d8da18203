using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        _m = Parameter.StateFor(parameters);
        _v = Parameter.StateFor(parameters);
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
        for (var p = 0; p < _parameters.Count; p++)
        {
            Update(_parameters[p].Value, _parameters[p].Gradient, _m[p], _v[p], stepSize, sqrtCorrection2);
        }
    }

    /// <remarks>
    /// Lane-wise vector arithmetic rounds exactly like the scalar tail (no fused operations, same order), so the
    /// update is bit-identical whatever part of a tensor lands in a vector.
    /// </remarks>
    private void Update(float[] value, float[] grad, float[] m, float[] v, float stepSize, float sqrtCorrection2)
    {
        var beta1 = _beta1;
        var beta2 = _beta2;
        var oneMinusBeta1 = 1f - beta1;
        var oneMinusBeta2 = 1f - beta2;
        var epsilon = _epsilon;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vb1 = Vector256.Create(beta1);
            var vb2 = Vector256.Create(beta2);
            var v1 = Vector256.Create(oneMinusBeta1);
            var v2 = Vector256.Create(oneMinusBeta2);
            var vStep = Vector256.Create(stepSize);
            var vCorrection = Vector256.Create(sqrtCorrection2);
            var vEpsilon = Vector256.Create(epsilon);
            ref var valueRef = ref MemoryMarshal.GetArrayDataReference(value);
            ref var gradRef = ref MemoryMarshal.GetArrayDataReference(grad);
            ref var mRef = ref MemoryMarshal.GetArrayDataReference(m);
            ref var vRef = ref MemoryMarshal.GetArrayDataReference(v);
            for (; i + Vector256<float>.Count <= value.Length; i += Vector256<float>.Count)
            {
                var offset = (nuint)i;
                var g = Vector256.LoadUnsafe(ref gradRef, offset);
                var mi = vb1 * Vector256.LoadUnsafe(ref mRef, offset) + v1 * g;
                var vi = vb2 * Vector256.LoadUnsafe(ref vRef, offset) + v2 * g * g;
                var denominator = Vector256.Sqrt(vi) / vCorrection + vEpsilon;
                var updated = Vector256.LoadUnsafe(ref valueRef, offset) - vStep * mi / denominator;
                mi.StoreUnsafe(ref mRef, offset);
                vi.StoreUnsafe(ref vRef, offset);
                updated.StoreUnsafe(ref valueRef, offset);
            }
        }

        for (; i < value.Length; i++)
        {
            var g = grad[i];
            m[i] = beta1 * m[i] + oneMinusBeta1 * g;
            v[i] = beta2 * v[i] + oneMinusBeta2 * g * g;
            var denominator = MathF.Sqrt(v[i]) / sqrtCorrection2 + epsilon;
            value[i] -= stepSize * m[i] / denominator;
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
