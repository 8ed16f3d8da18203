using FairMtl.Numerics;
using FairMtl.Spec;

namespace FairMtl.Nn;

/// <summary>y = x W + b with W stored [in x out] row-major.</summary>
public sealed class DenseLayer
{
    public DenseLayer(string name, string group, int inputs, int outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
        Weight = new Parameter(name + ".weight", group, inputs * outputs);
        Bias = new Parameter(name + ".bias", group, outputs);
    }

    public int Inputs { get; }

    public int Outputs { get; }

    public Parameter Weight { get; }

    public Parameter Bias { get; }

    private SparseRows? _sparse;
    private bool _sparseLoaded;
    private int _preloadedRows = -1;

    /// <summary>
    /// Lets this layer (a network's first, fed the data's rows) skip zero inputs: a batch whose inputs are mostly zero
    /// (one-hot columns) goes through <see cref="SparseRows"/>, with the same results bit for bit; denser batches through
    /// the dense kernels.
    /// </summary>
    public void AcceptSparseInput(int maxRows) => _sparse ??= new SparseRows(maxRows, Inputs);

    /// <summary>Whether this layer can take its input as non-zero entries (<see cref="AcceptSparseInput"/>).</summary>
    public bool AcceptsSparseInput => _sparse is not null;

    /// <summary>
    /// Loads the next batch's input as the rows <paramref name="rows"/> of <paramref name="data"/>, for the next
    /// <see cref="Forward"/> (whose input it then does not read) and its <see cref="Backward"/>: the same results as that
    /// batch gathered densely. False (nothing loaded) when the layer does not take sparse input or the batch is too dense:
    /// the caller then gathers the rows.
    /// </summary>
    public bool Preload(SparseRowMatrix data, ReadOnlySpan<int> rows)
    {
        _preloadedRows = _sparse is not null && _sparse.LoadRows(data, rows) ? rows.Length : -1;
        return _preloadedRows >= 0;
    }

    /// <summary>Draws the weights from the initialiser and zeroes the bias.</summary>
    public void Initialize(Initializer initializer, DeterministicRandom random)
    {
        var w = Weight.Value;
        switch (initializer)
        {
            case Initializer.GlorotUniform:
                FillUniform(w, Math.Sqrt(6.0 / (Inputs + Outputs)), random);
                break;
            case Initializer.HeUniform:
                FillUniform(w, Math.Sqrt(6.0 / Inputs), random);
                break;
            case Initializer.HeNormal:
                var sd = Math.Sqrt(2.0 / Inputs);
                for (var i = 0; i < w.Length; i++)
                {
                    w[i] = (float)(sd * random.NextGaussian());
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(initializer), initializer, null);
        }

        Array.Clear(Bias.Value);
    }

    /// <summary>output[rows x out] = input[rows x in] W + b.</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> output, int rows)
    {
        var b = Bias.Value;
        for (var i = 0; i < rows; i++)
        {
            b.CopyTo(output.Slice(i * Outputs, Outputs));
        }

        if (_preloadedRows >= 0)
        {
            // Preload's batch, used once.
            if (_preloadedRows != rows)
            {
                throw new InvalidOperationException($"{rows} rows passed forward after {_preloadedRows} were preloaded.");
            }

            _preloadedRows = -1;
            _sparseLoaded = true;
        }
        else
        {
            _sparseLoaded = _sparse is not null && _sparse.Load(input, rows);
        }

        if (_sparseLoaded)
        {
            _sparse!.MultiplyAdd(Weight.Value, output, Outputs);
            return;
        }

        MatrixKernels.MultiplyAdd(input, Weight.Value, output, rows, Inputs, Outputs);
    }

    /// <summary>
    /// Writes the parameter gradients for upstream gradient <paramref name="gradOutput"/> (times
    /// <paramref name="parameterScale"/>), and, when <paramref name="gradInput"/> is not empty, the gradient with
    /// respect to the input (unscaled).
    /// </summary>
    public void Backward(
        ReadOnlySpan<float> input,
        ReadOnlySpan<float> gradOutput,
        Span<float> gradInput,
        Span<float> scratch,
        int rows,
        float parameterScale)
    {
        var gw = Weight.Gradient.AsSpan();
        var gb = Bias.Gradient.AsSpan();
        gw.Clear();
        gb.Clear();
        if (_sparseLoaded)
        {
            // The forward pass loaded this input's non-zero entries.
            _sparse!.TransposeMultiplyAdd(gradOutput, gw, Outputs);
        }
        else
        {
            MatrixKernels.TransposeAMultiplyAdd(input, gradOutput, gw, rows, Inputs, Outputs);
        }

        MatrixKernels.AddColumnSums(gradOutput, gb, rows, Outputs);
        if (parameterScale != 1f)
        {
            Scale(gw, parameterScale);
            Scale(gb, parameterScale);
        }

        if (!gradInput.IsEmpty)
        {
            MatrixKernels.MultiplyTransposeB(gradOutput, Weight.Value, gradInput, scratch, rows, Outputs, Inputs);
        }
    }

    /// <summary>Only the gradient with respect to the input for upstream gradient <paramref name="gradOutput"/>; the
    /// parameter gradients are left as they are.</summary>
    public void BackwardInput(ReadOnlySpan<float> gradOutput, Span<float> gradInput, Span<float> scratch, int rows) =>
        MatrixKernels.MultiplyTransposeB(gradOutput, Weight.Value, gradInput, scratch, rows, Outputs, Inputs);

    private static void Scale(Span<float> values, float factor)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] *= factor;
        }
    }

    private static void FillUniform(float[] values, double limit, DeterministicRandom random)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((2.0 * random.NextDouble() - 1.0) * limit);
        }
    }
}
