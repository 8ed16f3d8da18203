using FairMtl.Numerics;

namespace FairMtl.Nn;

/// <summary>
/// Batch normalisation over the rows of a [rows x width] activation, with Keras' defaults (momentum 0.99 for the
/// moving statistics, epsilon 1e-3, biased batch variance).
/// </summary>
public sealed class BatchNormalization
{
    /// <summary>The moving statistics keep this share of their value at every training pass.</summary>
    public const float Momentum = 0.99f;

    /// <summary>Added to the variance before its square root.</summary>
    public const float Epsilon = 1e-3f;

    private readonly float[] _mean;
    private readonly float[] _inverseStd;
    private readonly float[] _normalized;
    private readonly float[] _sumGrad;
    private readonly float[] _sumGradNormalized;

    public BatchNormalization(string name, string group, int width, int maxRows)
    {
        Width = width;
        Gamma = new Parameter(name + ".gamma", group, width);
        Beta = new Parameter(name + ".beta", group, width);
        MovingMean = UnitBuffers.Rent<float>(width);
        MovingVariance = UnitBuffers.Rent<float>(width);
        _mean = UnitBuffers.Rent<float>(width);
        _inverseStd = UnitBuffers.Rent<float>(width);
        _normalized = UnitBuffers.Rent<float>(maxRows * width);
        _sumGrad = UnitBuffers.Rent<float>(width);
        _sumGradNormalized = UnitBuffers.Rent<float>(width);
    }

    public int Width { get; }

    public Parameter Gamma { get; }

    public Parameter Beta { get; }

    public float[] MovingMean { get; }

    public float[] MovingVariance { get; }

    public void Initialize()
    {
        Array.Fill(Gamma.Value, 1f);
        Array.Clear(Beta.Value);
        Array.Clear(MovingMean);
        Array.Fill(MovingVariance, 1f);
    }

    /// <summary>Normalises <paramref name="values"/> in place: batch statistics when training, moving ones otherwise.</summary>
    public void Forward(Span<float> values, int rows, bool training)
    {
        var width = Width;
        if (training)
        {
            for (var j = 0; j < width; j++)
            {
                var sum = 0f;
                for (var i = 0; i < rows; i++)
                {
                    sum += values[i * width + j];
                }

                var mean = sum / rows;
                var squares = 0f;
                for (var i = 0; i < rows; i++)
                {
                    var d = values[i * width + j] - mean;
                    squares = MathF.FusedMultiplyAdd(d, d, squares);
                }

                var variance = squares / rows;
                _mean[j] = mean;
                _inverseStd[j] = 1f / MathF.Sqrt(variance + Epsilon);
                MovingMean[j] = Momentum * MovingMean[j] + (1f - Momentum) * mean;
                MovingVariance[j] = Momentum * MovingVariance[j] + (1f - Momentum) * variance;
            }
        }
        else
        {
            for (var j = 0; j < width; j++)
            {
                _mean[j] = MovingMean[j];
                _inverseStd[j] = 1f / MathF.Sqrt(MovingVariance[j] + Epsilon);
            }
        }

        var gamma = Gamma.Value;
        var beta = Beta.Value;
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < width; j++)
            {
                var index = i * width + j;
                var normalized = (values[index] - _mean[j]) * _inverseStd[j];
                _normalized[index] = normalized;
                values[index] = MathF.FusedMultiplyAdd(gamma[j], normalized, beta[j]);
            }
        }
    }

    /// <summary>Turns the gradient with respect to the output into the gradient with respect to the input, in place,
    /// and writes the gradients of gamma and beta (times <paramref name="parameterScale"/>).</summary>
    public void Backward(Span<float> grad, int rows, float parameterScale)
    {
        var width = Width;
        var gamma = Gamma.Value;
        Array.Clear(_sumGrad);
        Array.Clear(_sumGradNormalized);
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < width; j++)
            {
                var index = i * width + j;
                _sumGrad[j] += grad[index];
                _sumGradNormalized[j] = MathF.FusedMultiplyAdd(grad[index], _normalized[index], _sumGradNormalized[j]);
            }
        }

        for (var j = 0; j < width; j++)
        {
            Beta.Gradient[j] = parameterScale * _sumGrad[j];
            Gamma.Gradient[j] = parameterScale * _sumGradNormalized[j];
        }

        var n = (float)rows;
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < width; j++)
            {
                var index = i * width + j;
                var scale = gamma[j] * _inverseStd[j] / n;
                grad[index] = scale * (n * grad[index] - _sumGrad[j] - _normalized[index] * _sumGradNormalized[j]);
            }
        }
    }

    /// <summary>Copies the moving statistics (part of the model state, not trained by the optimiser).</summary>
    public void CopyStateTo(BatchNormalization other)
    {
        MovingMean.CopyTo(other.MovingMean, 0);
        MovingVariance.CopyTo(other.MovingVariance, 0);
    }
}
