using FairMtl.Spec;

namespace FairMtl.Nn;

/// <summary>Element-wise activations and their derivatives.</summary>
public static class ActivationFunctions
{
    /// <summary>Applies the activation in place.</summary>
    public static void Apply(Activation activation, Span<float> values)
    {
        switch (activation)
        {
            case Activation.Relu:
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = values[i] > 0f ? values[i] : 0f;
                }

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
                for (var i = 0; i < grad.Length; i++)
                {
                    if (outputs[i] <= 0f)
                    {
                        grad[i] = 0f;
                    }
                }

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
}
