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
    /// <remarks>One fused pass per row: gamma and beta are summed over the conditions in order, then
    /// out = fma(gamma, h, beta); gamma is not kept (the backward pass recomputes it, in the same order).</remarks>
    public void Forward(ReadOnlySpan<float> hidden, ReadOnlySpan<float> input, int inputWidth, int rows)
    {
        _rows = rows;
        var width = Width;
        var scale = Scale.Value;
        var shift = Shift.Value;
        for (var r = 0; r < rows; r++)
        {
            var condition = input.Slice(r * inputWidth + inputWidth - Conditions, Conditions);
            var h = hidden.Slice(r * width, width);
            var output = Output.AsSpan(r * width, width);
            var j = 0;
            for (; j + Vector256<float>.Count <= width; j += Vector256<float>.Count)
            {
                var gamma = Vector256<float>.One;
                var beta = Vector256<float>.Zero;
                for (var i = 0; i < condition.Length; i++)
                {
                    var c = Vector256.Create(condition[i]);
                    gamma = Vector256.FusedMultiplyAdd(c, Vector256.Create<float>(scale.AsSpan((i * width) + j)), gamma);
                    beta = Vector256.FusedMultiplyAdd(c, Vector256.Create<float>(shift.AsSpan((i * width) + j)), beta);
                }

                Vector256.FusedMultiplyAdd(gamma, Vector256.Create(h[j..]), beta).CopyTo(output[j..]);
            }

            for (; j < width; j++)
            {
                var gamma = 1f;
                var beta = 0f;
                for (var i = 0; i < condition.Length; i++)
                {
                    gamma = MathF.FusedMultiplyAdd(condition[i], scale[(i * width) + j], gamma);
                    beta = MathF.FusedMultiplyAdd(condition[i], shift[(i * width) + j], beta);
                }

                output[j] = MathF.FusedMultiplyAdd(gamma, h[j], beta);
            }
        }
    }

    /// <summary>
    /// Writes the gradients of S and B times <paramref name="parameterScale"/> for d(loss)/d(outputs)
    /// <paramref name="grad"/>, then turns <paramref name="grad"/> in place into d(loss)/d(<paramref name="hidden"/>).
    /// </summary>
    /// <remarks>One fused pass per row: dS += c (g h), dB += c g (over the rows in order), g *= gamma.</remarks>
    public void Backward(ReadOnlySpan<float> hidden, Span<float> grad, ReadOnlySpan<float> input, int inputWidth, float parameterScale)
    {
        var rows = _rows;
        var width = Width;
        var scale = Scale.Value;
        var scaleGradient = Scale.Gradient;
        var shiftGradient = Shift.Gradient;
        Array.Clear(scaleGradient);
        Array.Clear(shiftGradient);
        for (var r = 0; r < rows; r++)
        {
            var condition = input.Slice(r * inputWidth + inputWidth - Conditions, Conditions);
            var g = grad.Slice(r * width, width);
            var h = hidden.Slice(r * width, width);
            var j = 0;
            for (; j + Vector256<float>.Count <= width; j += Vector256<float>.Count)
            {
                var gj = Vector256.Create<float>(g[j..]);
                var product = gj * Vector256.Create(h[j..]);
                var gamma = Vector256<float>.One;
                for (var i = 0; i < condition.Length; i++)
                {
                    var at = (i * width) + j;
                    var c = Vector256.Create(condition[i]);
                    gamma = Vector256.FusedMultiplyAdd(c, Vector256.Create<float>(scale.AsSpan(at)), gamma);
                    var factor = Vector256.Create(condition[i] * parameterScale);
                    Vector256.FusedMultiplyAdd(factor, product, Vector256.Create<float>(scaleGradient.AsSpan(at))).CopyTo(scaleGradient.AsSpan(at));
                    Vector256.FusedMultiplyAdd(factor, gj, Vector256.Create<float>(shiftGradient.AsSpan(at))).CopyTo(shiftGradient.AsSpan(at));
                }

                (gj * gamma).CopyTo(g[j..]);
            }

            for (; j < width; j++)
            {
                var product = g[j] * h[j];
                var gamma = 1f;
                for (var i = 0; i < condition.Length; i++)
                {
                    var at = (i * width) + j;
                    gamma = MathF.FusedMultiplyAdd(condition[i], scale[at], gamma);
                    var factor = condition[i] * parameterScale;
                    scaleGradient[at] = MathF.FusedMultiplyAdd(factor, product, scaleGradient[at]);
                    shiftGradient[at] = MathF.FusedMultiplyAdd(factor, g[j], shiftGradient[at]);
                }

                g[j] *= gamma;
            }
        }
    }
}
