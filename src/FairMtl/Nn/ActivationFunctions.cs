using System.Runtime.Intrinsics;
using FairMtl.Spec;

namespace FairMtl.Nn;

/// <summary>Element-wise activations and their derivatives.</summary>
/// <remarks>
/// ReLU runs as branch-free lane selects: a data-dependent branch per element mispredicts on half of the units and
/// cost more than the matrix products. The selects keep the scalar semantics exactly (NaN and -0 included).
/// </remarks>
public static class ActivationFunctions
{
    /// <summary>Applies the activation in place.</summary>
    public static void Apply(Activation activation, Span<float> values)
    {
        switch (activation)
        {
            case Activation.Relu:
                Relu(values);
                break;
            case Activation.Tanh:
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = MathF.Tanh(values[i]);
                }

                break;
            case Activation.Linear:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, null);
        }
    }

    /// <summary>Multiplies <paramref name="grad"/> by the derivative, given the activation's outputs.</summary>
    public static void Backward(Activation activation, ReadOnlySpan<float> outputs, Span<float> grad)
    {
        switch (activation)
        {
            case Activation.Relu:
                ReluBackward(outputs, grad);
                break;
            case Activation.Tanh:
                for (var i = 0; i < grad.Length; i++)
                {
                    grad[i] *= 1f - outputs[i] * outputs[i];
                }

                break;
            case Activation.Linear:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, null);
        }
    }

    /// <summary>x > 0 ? x : 0.</summary>
    internal static void Relu(Span<float> values)
    {
        var i = 0;
        for (; i + Vector256<float>.Count <= values.Length; i += Vector256<float>.Count)
        {
            var v = Vector256.Create<float>(values[i..]);
            Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<float>.Zero), v, Vector256<float>.Zero).CopyTo(values[i..]);
        }

        for (; i < values.Length; i++)
        {
            values[i] = values[i] > 0f ? values[i] : 0f;
        }
    }

    /// <summary>grad = output &lt;= 0 ? 0 : grad.</summary>
    internal static void ReluBackward(ReadOnlySpan<float> outputs, Span<float> grad)
    {
        var i = 0;
        for (; i + Vector256<float>.Count <= grad.Length; i += Vector256<float>.Count)
        {
            var inactive = Vector256.LessThanOrEqual(Vector256.Create<float>(outputs[i..]), Vector256<float>.Zero);
            Vector256.ConditionalSelect(inactive, Vector256<float>.Zero, Vector256.Create<float>(grad[i..])).CopyTo(grad[i..]);
        }

        for (; i < grad.Length; i++)
        {
            if (outputs[i] <= 0f)
            {
                grad[i] = 0f;
            }
        }
    }
}
