using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FairMtl.Numerics;
using FairMtl.Spec;

namespace FairMtl.Nn;

/// <summary>
/// Learned embeddings of categorical input columns (<c>data.embeddings</c>): the one-hot inputs of an embedded column
/// (its categories, consecutive in the data's rows) are replaced by a vector of the declared width, row k of the
/// column's table [categories x width] for category k; numeric and one-hot columns that are not embedded pass through.
/// The result keeps the input order, each embedded column's vector where its one-hot inputs were, and feeds the trunk.
/// </summary>
/// <remarks>
/// As a product: the block of a column maps its inputs x (one 1, the rest 0) to Σ_k x_k E[k], each output element a
/// chain of fused multiply-adds over the non-zero inputs in ascending order, so a one-hot row gives E[k] exactly; the
/// table's gradient is Σ_rows x_k g (rows ascending). Tables start from a normal distribution truncated at two standard
/// deviations, standard deviation 1/sqrt(width) (TensorFlow's <c>embedding_column</c> default, which the MTA-F authors
/// used). The tables are trunk parameters: the trunk's share of every loss reaches them.
/// </remarks>
public sealed class InputEmbedding
{
    private readonly Block[] _blocks;
    private readonly int[] _passThrough;
    private readonly int[] _passThroughSlot;
    private readonly float[] _output;
    private int _rows;

    private InputEmbedding(int inputs, Block[] blocks, int maxRows)
    {
        Inputs = inputs;
        _blocks = blocks;
        var passThrough = new List<int>();
        var slots = new List<int>();
        var slot = 0;
        var next = 0; // the blocks are in input order
        for (var i = 0; i < inputs;)
        {
            if (next < blocks.Length && blocks[next].First == i)
            {
                var block = blocks[next++];
                block.Slot = slot;
                slot += block.Width;
                i += block.Categories;
                continue;
            }

            passThrough.Add(i);
            slots.Add(slot);
            slot++;
            i++;
        }

        _passThrough = passThrough.ToArray();
        _passThroughSlot = slots.ToArray();
        Outputs = slot;
        _output = UnitBuffers.Rent<float>(maxRows * slot);
        Parameters = blocks.Select(b => b.Table).ToArray();
    }

    /// <summary>The data's inputs per row.</summary>
    public int Inputs { get; }

    /// <summary>The trunk's inputs per row: pass-through inputs plus each embedded column's width.</summary>
    public int Outputs { get; }

    /// <summary>The embedded rows of the last forward pass ([rows x Outputs]).</summary>
    public float[] Output => _output;

    /// <summary>The tables, in input order.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The embedded columns in input order: where each one's one-hot inputs start, how many there are, its
    /// width, and its table (<see cref="Parameters"/>, [categories x width] row-major). Every other input passes through.</summary>
    public IReadOnlyList<(int First, int Categories, int Width, Parameter Table)> Columns =>
        _blocks.Select(block => (block.First, block.Categories, block.Width, block.Table)).ToArray();

    /// <summary>
    /// The embedding of <paramref name="embeddings"/> over inputs whose source columns are
    /// <paramref name="featureColumns"/> (one entry per input; a categorical column's one-hot inputs are consecutive),
    /// or null when nothing is embedded.
    /// </summary>
    /// <exception cref="ArgumentException">An embedded column has no inputs, or its inputs are not consecutive.</exception>
    public static InputEmbedding? For(IReadOnlyList<string> featureColumns, IReadOnlyList<EmbeddingSpec> embeddings, int maxRows)
    {
        if (embeddings.Count == 0)
        {
            return null;
        }

        var blocks = new List<Block>();
        foreach (var embedding in embeddings)
        {
            var first = -1;
            var count = 0;
            for (var i = 0; i < featureColumns.Count; i++)
            {
                if (featureColumns[i] != embedding.Column)
                {
                    continue;
                }

                if (first >= 0 && i != first + count)
                {
                    throw new ArgumentException($"The inputs of embedded column '{embedding.Column}' are not consecutive.", nameof(featureColumns));
                }

                first = first < 0 ? i : first;
                count++;
            }

            if (count == 0)
            {
                // Declared but not an input (excluded, or a task or sensitive column): nothing to embed.
                continue;
            }

            blocks.Add(new Block(embedding.Column, first, count, embedding.Width));
        }

        return blocks.Count == 0 ? null : new InputEmbedding(featureColumns.Count, blocks.OrderBy(b => b.First).ToArray(), maxRows);
    }

    /// <summary>Draws every table, in input order, from N(0, 1/width) truncated at two standard deviations.</summary>
    public void Initialize(DeterministicRandom random)
    {
        foreach (var block in _blocks)
        {
            var deviation = 1.0 / Math.Sqrt(block.Width);
            var values = block.Table.Value;
            for (var i = 0; i < values.Length; i++)
            {
                double z;
                do
                {
                    z = random.NextGaussian();
                }
                while (Math.Abs(z) > 2.0);

                values[i] = (float)(z * deviation);
            }
        }
    }

    /// <summary>Embeds rows [rows x Inputs] into <see cref="Output"/>.</summary>
    public void Forward(ReadOnlySpan<float> input, int rows)
    {
        _rows = rows;
        var output = _output.AsSpan(0, rows * Outputs);
        output.Clear();
        for (var r = 0; r < rows; r++)
        {
            var x = input.Slice(r * Inputs, Inputs);
            var y = output.Slice(r * Outputs, Outputs);
            for (var p = 0; p < _passThrough.Length; p++)
            {
                y[_passThroughSlot[p]] = x[_passThrough[p]];
            }

            foreach (var block in _blocks)
            {
                var target = y.Slice(block.Slot, block.Width);
                var table = block.Table.Value;
                var categories = x.Slice(block.First, block.Categories);
                for (var k = 0; k < categories.Length; k += NonZero.Lanes)
                {
                    for (var mask = NonZero.Mask(categories, k); mask != 0; mask &= mask - 1)
                    {
                        var at = k + BitOperations.TrailingZeroCount(mask);
                        MatrixKernels.ScaleAdd(categories[at], table.AsSpan(at * block.Width, block.Width), target);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The tables' gradients for the last forward pass (overwritten), from the gradient of <see cref="Output"/>,
    /// <paramref name="gradOutput"/> [rows x Outputs].
    /// </summary>
    public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> gradOutput)
    {
        foreach (var block in _blocks)
        {
            var gradient = block.Table.Gradient;
            Array.Clear(gradient);
            for (var r = 0; r < _rows; r++)
            {
                var x = input.Slice((r * Inputs) + block.First, block.Categories);
                var g = gradOutput.Slice((r * Outputs) + block.Slot, block.Width);
                for (var k = 0; k < x.Length; k += NonZero.Lanes)
                {
                    for (var mask = NonZero.Mask(x, k); mask != 0; mask &= mask - 1)
                    {
                        var at = k + BitOperations.TrailingZeroCount(mask);
                        MatrixKernels.ScaleAdd(x[at], g, gradient.AsSpan(at * block.Width, block.Width));
                    }
                }
            }
        }
    }

    /// <summary>Which inputs of a one-hot block are not zero, a vector at a time (most are zero: one per column and
    /// row), visited in ascending order as the scalar test visited them (-0 counts as zero, NaN does not).</summary>
    private static class NonZero
    {
        public const int Lanes = 8;

        /// <summary>Bit i set where values[start + i] != 0, for the up to <see cref="Lanes"/> values from
        /// <paramref name="start"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static uint Mask(ReadOnlySpan<float> values, int start)
        {
            if (start + Lanes <= values.Length)
            {
                var zero = Vector256.Equals(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(values), (nuint)start), Vector256<float>.Zero);
                return ~zero.ExtractMostSignificantBits() & 0xFFu;
            }

            var mask = 0u;
            for (var i = start; i < values.Length; i++)
            {
                if (values[i] != 0f)
                {
                    mask |= 1u << (i - start);
                }
            }

            return mask;
        }
    }

    private sealed class Block(string column, int first, int categories, int width)
    {
        public int First { get; } = first;

        public int Categories { get; } = categories;

        public int Width { get; } = width;

        public int Slot { get; set; }

        public Parameter Table { get; } = new($"embedding.{column}", "trunk", categories * width);
    }
}
