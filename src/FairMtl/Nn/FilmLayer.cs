using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    private const int Lanes = 8;

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
    /// <remarks>Per output: gamma and beta summed over the conditions in order, then out = fma(gamma, h, beta); gamma
    /// is not kept (the backward pass recomputes it, in the same order). Eight outputs per vector, every row of a vector's
    /// columns before the next, so that the columns' S and B stay in the first-level cache.</remarks>
    public void Forward(ReadOnlySpan<float> hidden, ReadOnlySpan<float> input, int inputWidth, int rows)
    {
        var width = Width;
        var conditions = Conditions;
        CheckShapes(hidden.Length, input.Length, inputWidth, rows);
        _rows = rows;
        ref var h0 = ref MemoryMarshal.GetReference(hidden);
        ref var c0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(input), inputWidth - conditions);
        ref var s0 = ref MemoryMarshal.GetArrayDataReference(Scale.Value);
        ref var b0 = ref MemoryMarshal.GetArrayDataReference(Shift.Value);
        ref var o0 = ref MemoryMarshal.GetArrayDataReference(Output);
        var j = 0;
        for (; j + Lanes <= width; j += Lanes)
        {
            for (var r = 0; r < rows; r++)
            {
                ref var c = ref Unsafe.Add(ref c0, r * inputWidth);
                var gamma = Vector256<float>.One;
                var beta = Vector256<float>.Zero;
                for (var i = 0; i < conditions; i++)
                {
                    var ci = Vector256.Create(Unsafe.Add(ref c, i));
                    var at = (nuint)((i * width) + j);
                    gamma = Vector256.FusedMultiplyAdd(ci, Vector256.LoadUnsafe(ref s0, at), gamma);
                    beta = Vector256.FusedMultiplyAdd(ci, Vector256.LoadUnsafe(ref b0, at), beta);
                }

                var element = (nuint)((r * width) + j);
                Vector256.FusedMultiplyAdd(gamma, Vector256.LoadUnsafe(ref h0, element), beta).StoreUnsafe(ref o0, element);
            }
        }

        for (; j < width; j++)
        {
            for (var r = 0; r < rows; r++)
            {
                ref var c = ref Unsafe.Add(ref c0, r * inputWidth);
                var gamma = 1f;
                var beta = 0f;
                for (var i = 0; i < conditions; i++)
                {
                    gamma = MathF.FusedMultiplyAdd(Unsafe.Add(ref c, i), Unsafe.Add(ref s0, (i * width) + j), gamma);
                    beta = MathF.FusedMultiplyAdd(Unsafe.Add(ref c, i), Unsafe.Add(ref b0, (i * width) + j), beta);
                }

                Unsafe.Add(ref o0, (r * width) + j) = MathF.FusedMultiplyAdd(gamma, Unsafe.Add(ref h0, (r * width) + j), beta);
            }
        }
    }

    /// <summary>
    /// Writes the gradients of S and B times <paramref name="parameterScale"/> for d(loss)/d(outputs)
    /// <paramref name="grad"/>, then turns <paramref name="grad"/> in place into d(loss)/d(<paramref name="hidden"/>).
    /// </summary>
    /// <remarks>dS = sum over rows, in order, of (c ps) (g h) and dB of (c ps) g, each a chain of fused multiply-adds
    /// from zero held in a register (two vectors of columns at a time, so that four chains overlap); while summing the
    /// last condition's, each g is also replaced by g gamma.</remarks>
    public void Backward(ReadOnlySpan<float> hidden, Span<float> grad, ReadOnlySpan<float> input, int inputWidth, float parameterScale)
    {
        var rows = _rows;
        var width = Width;
        var conditions = Conditions;
        CheckShapes(hidden.Length, input.Length, inputWidth, rows);
        if (grad.Length < rows * width)
        {
            throw new ArgumentException($"expected {rows} x {width} output gradients", nameof(grad));
        }

        ref var h0 = ref MemoryMarshal.GetReference(hidden);
        ref var g0 = ref MemoryMarshal.GetReference(grad);
        ref var c0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(input), inputWidth - conditions);
        ref var ds0 = ref MemoryMarshal.GetArrayDataReference(Scale.Gradient);
        ref var db0 = ref MemoryMarshal.GetArrayDataReference(Shift.Gradient);
        for (var i = 0; i < conditions; i++)
        {
            var last = i == conditions - 1;
            ref var ci = ref Unsafe.Add(ref c0, i);
            var j = 0;
            for (; j + (2 * Lanes) <= width; j += 2 * Lanes)
            {
                var scale0 = Vector256<float>.Zero;
                var shift0 = Vector256<float>.Zero;
                var scale1 = Vector256<float>.Zero;
                var shift1 = Vector256<float>.Zero;
                for (var r = 0; r < rows; r++)
                {
                    var factor = Vector256.Create(Unsafe.Add(ref ci, r * inputWidth) * parameterScale);
                    var element = (nuint)((r * width) + j);
                    var g = Vector256.LoadUnsafe(ref g0, element);
                    var next = Vector256.LoadUnsafe(ref g0, element + Lanes);
                    scale0 = Vector256.FusedMultiplyAdd(factor, g * Vector256.LoadUnsafe(ref h0, element), scale0);
                    shift0 = Vector256.FusedMultiplyAdd(factor, g, shift0);
                    scale1 = Vector256.FusedMultiplyAdd(factor, next * Vector256.LoadUnsafe(ref h0, element + Lanes), scale1);
                    shift1 = Vector256.FusedMultiplyAdd(factor, next, shift1);
                    if (last)
                    {
                        ref var c = ref Unsafe.Add(ref c0, r * inputWidth);
                        (g * Gamma(ref c, j)).StoreUnsafe(ref g0, element);
                        (next * Gamma(ref c, j + Lanes)).StoreUnsafe(ref g0, element + Lanes);
                    }
                }

                var at = (nuint)((i * width) + j);
                scale0.StoreUnsafe(ref ds0, at);
                shift0.StoreUnsafe(ref db0, at);
                scale1.StoreUnsafe(ref ds0, at + Lanes);
                shift1.StoreUnsafe(ref db0, at + Lanes);
            }

            for (; j + Lanes <= width; j += Lanes)
            {
                var scale = Vector256<float>.Zero;
                var shift = Vector256<float>.Zero;
                for (var r = 0; r < rows; r++)
                {
                    var factor = Vector256.Create(Unsafe.Add(ref ci, r * inputWidth) * parameterScale);
                    var element = (nuint)((r * width) + j);
                    var g = Vector256.LoadUnsafe(ref g0, element);
                    scale = Vector256.FusedMultiplyAdd(factor, g * Vector256.LoadUnsafe(ref h0, element), scale);
                    shift = Vector256.FusedMultiplyAdd(factor, g, shift);
                    if (last)
                    {
                        (g * Gamma(ref Unsafe.Add(ref c0, r * inputWidth), j)).StoreUnsafe(ref g0, element);
                    }
                }

                var at = (nuint)((i * width) + j);
                scale.StoreUnsafe(ref ds0, at);
                shift.StoreUnsafe(ref db0, at);
            }

            for (; j < width; j++)
            {
                var scale = 0f;
                var shift = 0f;
                for (var r = 0; r < rows; r++)
                {
                    var factor = Unsafe.Add(ref ci, r * inputWidth) * parameterScale;
                    ref var g = ref Unsafe.Add(ref g0, (r * width) + j);
                    scale = MathF.FusedMultiplyAdd(factor, g * Unsafe.Add(ref h0, (r * width) + j), scale);
                    shift = MathF.FusedMultiplyAdd(factor, g, shift);
                    if (last)
                    {
                        g *= ScalarGamma(ref Unsafe.Add(ref c0, r * inputWidth), j);
                    }
                }

                Unsafe.Add(ref ds0, (i * width) + j) = scale;
                Unsafe.Add(ref db0, (i * width) + j) = shift;
            }
        }
    }

    /// <summary>gamma of eight outputs from column <paramref name="j"/>: 1 + sum over the conditions, in order, of c S.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<float> Gamma(ref float conditions, int j)
    {
        ref var s0 = ref MemoryMarshal.GetArrayDataReference(Scale.Value);
        var gamma = Vector256<float>.One;
        for (var i = 0; i < Conditions; i++)
        {
            gamma = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref conditions, i)), Vector256.LoadUnsafe(ref s0, (nuint)((i * Width) + j)), gamma);
        }

        return gamma;
    }

    /// <summary>gamma of output column <paramref name="j"/>, as <see cref="Gamma"/>.</summary>
    private float ScalarGamma(ref float conditions, int j)
    {
        var gamma = 1f;
        for (var i = 0; i < Conditions; i++)
        {
            gamma = MathF.FusedMultiplyAdd(Unsafe.Add(ref conditions, i), Scale.Value[(i * Width) + j], gamma);
        }

        return gamma;
    }

    private void CheckShapes(int hidden, int input, int inputWidth, int rows)
    {
        if (inputWidth < Conditions || rows * Width > Output.Length || hidden < rows * Width || input < rows * inputWidth)
        {
            throw new ArgumentException(
                $"FiLM over {Width} outputs and {Conditions} conditions: {rows} rows need {rows * Width} hidden values (got {hidden}) and {rows} x {inputWidth} inputs (got {input})");
        }
    }
}
