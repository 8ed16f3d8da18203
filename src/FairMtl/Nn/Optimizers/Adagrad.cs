using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FairMtl.Nn.Optimizers;

/// <summary>
/// Adagrad (Duchi et al.) as TensorFlow's <c>AdagradOptimizer</c> computes it, the optimiser the MTA-F authors train
/// with: a = a + g^2 (a starting at the initial accumulator, 0.1 by default); p -= lr * g / (sqrt(a) + eps), with eps 0
/// by default (PyTorch's Adagrad is initial accumulator 0, eps 1e-10).
/// </summary>
public sealed class Adagrad : IOptimizer
{
    private readonly IReadOnlyList<Parameter> _parameters;
    private readonly float[][] _accumulators;
    private readonly float _learningRate;
    private readonly float _initialAccumulator;
    private readonly float _epsilon;

    public Adagrad(IReadOnlyList<Parameter> parameters, double learningRate, double initialAccumulator, double epsilon)
    {
        _parameters = parameters;
        _learningRate = (float)learningRate;
        _initialAccumulator = (float)initialAccumulator;
        _epsilon = (float)epsilon;
        _accumulators = Parameter.StateFor(parameters);
        Reset();
    }

    public void Step()
    {
        for (var p = 0; p < _parameters.Count; p++)
        {
            Update(_parameters[p].Value, _parameters[p].Gradient, _accumulators[p]);
        }
    }

    public void Reset()
    {
        foreach (var accumulator in _accumulators)
        {
            Array.Fill(accumulator, _initialAccumulator);
        }
    }

    /// <remarks>
    /// Lane-wise vector arithmetic rounds exactly like the scalar tail (no fused operations, same order), so the
    /// update is bit-identical whatever part of a tensor lands in a vector.
    /// </remarks>
    private void Update(float[] value, float[] grad, float[] accumulator)
    {
        var learningRate = _learningRate;
        var epsilon = _epsilon;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vRate = Vector256.Create(learningRate);
            var vEpsilon = Vector256.Create(epsilon);
            ref var valueRef = ref MemoryMarshal.GetArrayDataReference(value);
            ref var gradRef = ref MemoryMarshal.GetArrayDataReference(grad);
            ref var accumulatorRef = ref MemoryMarshal.GetArrayDataReference(accumulator);
            for (; i + Vector256<float>.Count <= value.Length; i += Vector256<float>.Count)
            {
                var offset = (nuint)i;
                var g = Vector256.LoadUnsafe(ref gradRef, offset);
                var a = Vector256.LoadUnsafe(ref accumulatorRef, offset) + g * g;
                var updated = Vector256.LoadUnsafe(ref valueRef, offset) - vRate * g / (Vector256.Sqrt(a) + vEpsilon);
                a.StoreUnsafe(ref accumulatorRef, offset);
                updated.StoreUnsafe(ref valueRef, offset);
            }
        }

        for (; i < value.Length; i++)
        {
            var g = grad[i];
            accumulator[i] += g * g;
            value[i] -= learningRate * g / (MathF.Sqrt(accumulator[i]) + epsilon);
        }
    }
}
