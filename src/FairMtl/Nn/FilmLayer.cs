using System.Runtime.Intrinsics;
using FairMtl.Numerics;

namespace FairMtl.Nn;

/// <summary>
/// Feature-wise linear modulation (FiLM, Perez et al. 2018) of a trunk layer's outputs by the conditioning variables
/// c (the last <see cref="Conditions"/> inputs of each row): out = h * (1 + c S) + c B, with S and B stored
/// [conditions x width] row-major and initialised to zero, so that an untrained FiLM is the identity. Sums run over
/// the conditions, then the rows, in order, with lane-wise fused multiply-adds: no result depends on the vector width.
/// </summary>
public sealed class FilmLayer
{
    private readonly float[] _gamma;
    private readonly float[] _product;
    private int _rows;

    /// <param name="name">Parameter name prefix, e.g. <c>trunk.0.film</c>.</param>
    /// <param name="conditions">How many conditioning variables (the network's last inputs).</param>
    /// <param name="width">The modulated layer's outputs.</param>
    /// <param name="maxRows">The largest batch.</param>
    public FilmLayer(string name, int conditions, int width, int maxRows)
    {
        Conditions = conditions;
        Width = width;
        Scale = new Parameter(name + ".scale", "trunk", conditions * width);
        Shift = new Parameter(name + ".shift", "trunk", conditions * width);
        Output = UnitBuffers.Rent<float>(maxRows * width);
        _gamma = UnitBuffers.Rent<float>(maxRows * width);
        _product = UnitBuffers.Rent<float>(width);
    }

    public int Conditions { get; }

    public int Width { get; }

    /// <summary>S: how each condition scales each output.</summary>
    public Parameter Scale { get; }

    /// <summary>B: how each condition shifts each output.</summary>
    public Parameter Shift { get; }

    /// <summary>The modulated outputs of the last forward pass ([rows x width]).</summary>
    public float[] Output { get; }

    public IEnumerable<Parameter> Parameters => [Scale, Shift];

    /// <summary>Zero S and B: the identity.</summary>
    public void Initialize()
    {
        Array.Clear(Scale.Value);
        Array.Clear(Shift.Value);
    }

    /// <summary>Modulates <paramref name="hidden"/> ([rows x width]) by the conditions, the last
    /// <see cref="Conditions"/> of each row of <paramref name="input"/> ([rows x inputWidth]).</summary>
    public void Forward(ReadOnlySpan<float> hidden, ReadOnlySpan<float> input, int inputWidth, int rows)
    {
        _rows = rows;
        var width = Width;
        var beta = Output.AsSpan();
        for (var r = 0; r < rows; r++)
        {
            var condition = input.Slice(r * inputWidth + inputWidth - Conditions, Conditions);
            var gamma = _gamma.AsSpan(r * width, width);
            var shift = beta.Slice(r * width, width);
            gamma.Fill(1f);
            shift.Clear();
            for (var i = 0; i < condition.Length; i++)
            {
                MultiplyAdd(condition[i], Scale.Value.AsSpan(i * width, width), gamma);
                MultiplyAdd(condition[i], Shift.Value.AsSpan(i * width, width), shift);
            }

            // out = fma(gamma, h, beta), written over beta.
            var h = hidden.Slice(r * width, width);
            var j = 0;
            for (; j + Vector256<float>.Count <= width; j += Vector256<float>.Count)
            {
                Vector256.FusedMultiplyAdd(Vector256.Create<float>(gamma[j..]), Vector256.Create(h[j..]), Vector256.Create<float>(shift[j..])).CopyTo(shift[j..]);
            }

            for (; j < width; j++)
            {
                shift[j] = MathF.FusedMultiplyAdd(gamma[j], h[j], shift[j]);
            }
        }
    }

    /// <summary>
    /// Writes the gradients of S and B times <paramref name="parameterScale"/> for d(loss)/d(outputs)
    /// <paramref name="grad"/>, then turns <paramref name="grad"/> in place into d(loss)/d(<paramref name="hidden"/>).
    /// </summary>
    public void Backward(ReadOnlySpan<float> hidden, Span<float> grad, ReadOnlySpan<float> input, int inputWidth, float parameterScale)
    {
        var rows = _rows;
        var width = Width;
        var scaleGradient = Scale.Gradient.AsSpan();
        var shiftGradient = Shift.Gradient.AsSpan();
        scaleGradient.Clear();
        shiftGradient.Clear();
        var product = _product.AsSpan(0, width);
        for (var r = 0; r < rows; r++)
        {
            var condition = input.Slice(r * inputWidth + inputWidth - Conditions, Conditions);
            var g = grad.Slice(r * width, width);
            MatrixKernels.Multiply(g, hidden.Slice(r * width, width), product);
            for (var i = 0; i < condition.Length; i++)
            {
                var c = condition[i] * parameterScale;
                MultiplyAdd(c, product, scaleGradient.Slice(i * width, width));
                MultiplyAdd(c, g, shiftGradient.Slice(i * width, width));
            }
        }

        var all = rows * width;
        MatrixKernels.Multiply(grad[..all], _gamma.AsSpan(0, all), grad[..all]);
    }

    /// <summary>target[j] = fma(factor, source[j], target[j]), lane-wise: the same bits at every vector width.</summary>
    private static void MultiplyAdd(float factor, ReadOnlySpan<float> source, Span<float> target)
    {
        var j = 0;
        var scale = Vector256.Create(factor);
        for (; j + Vector256<float>.Count <= target.Length; j += Vector256<float>.Count)
        {
            Vector256.FusedMultiplyAdd(scale, Vector256.Create(source[j..]), Vector256.Create<float>(target[j..])).CopyTo(target[j..]);
        }

        for (; j < target.Length; j++)
        {
            target[j] = MathF.FusedMultiplyAdd(factor, source[j], target[j]);
        }
    }
}
