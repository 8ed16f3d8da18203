using FairMtl.Numerics;

namespace FairMtl.Nn;

/// <summary>
/// Feature-wise linear modulation (FiLM, Perez et al. 2018) of a trunk layer's outputs by the conditioning variables
/// c (the last <see cref="Conditions"/> inputs of each row): out = h * (1 + c S) + c B, with S and B stored
/// [conditions x width] row-major and initialised to zero, so that an untrained FiLM is the identity. Sums run over
/// the conditions, then the rows, in order, with fused multiply-adds: no result depends on the vector width.
/// </summary>
public sealed class FilmLayer
{
    private readonly float[] _gamma;
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
        var scale = Scale.Value;
        var shift = Shift.Value;
        for (var r = 0; r < rows; r++)
        {
            var condition = input.Slice(r * inputWidth + inputWidth - Conditions, Conditions);
            var offset = r * width;
            for (var j = 0; j < width; j++)
            {
                var gamma = 1f;
                var beta = 0f;
                for (var i = 0; i < condition.Length; i++)
                {
                    gamma = MathF.FusedMultiplyAdd(condition[i], scale[i * width + j], gamma);
                    beta = MathF.FusedMultiplyAdd(condition[i], shift[i * width + j], beta);
                }

                _gamma[offset + j] = gamma;
                Output[offset + j] = MathF.FusedMultiplyAdd(gamma, hidden[offset + j], beta);
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
        var scaleGradient = Scale.Gradient;
        var shiftGradient = Shift.Gradient;
        Array.Clear(scaleGradient);
        Array.Clear(shiftGradient);
        for (var r = 0; r < rows; r++)
        {
            var condition = input.Slice(r * inputWidth + inputWidth - Conditions, Conditions);
            var offset = r * width;
            for (var i = 0; i < condition.Length; i++)
            {
                var c = condition[i] * parameterScale;
                var row = i * width;
                for (var j = 0; j < width; j++)
                {
                    var g = grad[offset + j];
                    scaleGradient[row + j] = MathF.FusedMultiplyAdd(c, g * hidden[offset + j], scaleGradient[row + j]);
                    shiftGradient[row + j] = MathF.FusedMultiplyAdd(c, g, shiftGradient[row + j]);
                }
            }
        }

        for (var k = 0; k < rows * width; k++)
        {
            grad[k] *= _gamma[k];
        }
    }
}
