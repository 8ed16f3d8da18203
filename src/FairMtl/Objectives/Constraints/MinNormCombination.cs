using FairMtl.Nn;
using FairMtl.Numerics;

namespace FairMtl.Objectives.Constraints;

/// <summary>
/// The min-norm (MGDA-style) combination of two objectives' gradients per parameter block (the trunk, each head), this
/// project's reading of the FairMT abstract's "head-aware multi-objective step": for a block with utility gradient g1
/// and constraint gradient g2, alpha = clamp((g2 - g1) . g2 / |g1 - g2|^2, 0, 1) minimises |alpha g1 + (1 - alpha) g2|
/// (Desideri's closed form for two objectives), and the block's gradient becomes 2 (alpha g1 + (1 - alpha) g2), so that
/// alpha = 1/2 gives the plain sum. A block whose constraint gradient is zero (the constraint inactive there) keeps g1:
/// the min-norm point of {g1, 0} is 0, which would stop training. Dot products run in double over the block's
/// parameters in their order.
/// </summary>
public sealed class MinNormCombination
{
    private readonly Parameter[][] _blocks;
    private readonly float[][][] _first;

    /// <param name="parameters">The network's parameters; blocks are their groups (<see cref="Parameter.Group"/>).</param>
    public MinNormCombination(IReadOnlyList<Parameter> parameters)
    {
        _blocks = parameters.GroupBy(p => p.Group, StringComparer.Ordinal).Select(group => group.ToArray()).ToArray();
        _first = _blocks.Select(block => block.Select(p => UnitBuffers.Rent<float>(p.Gradient.Length)).ToArray()).ToArray();
        Alphas = UnitBuffers.Rent<double>(_blocks.Length);
        BlockNames = _blocks.Select(block => block[0].Group).ToArray();
    }

    /// <summary>The block names (parameter groups), in block order.</summary>
    public IReadOnlyList<string> BlockNames { get; }

    /// <summary>Each block's alpha in the last <see cref="Combine"/> (1: utility only).</summary>
    public double[] Alphas { get; }

    /// <summary>Keeps the parameters' current gradients as the utility gradients g1.</summary>
    public void CaptureFirst()
    {
        for (var b = 0; b < _blocks.Length; b++)
        {
            for (var p = 0; p < _blocks[b].Length; p++)
            {
                _blocks[b][p].Gradient.AsSpan().CopyTo(_first[b][p]);
            }
        }
    }

    /// <summary>With the parameters' current gradients as g2, writes each block's combination into them.</summary>
    public void Combine()
    {
        for (var b = 0; b < _blocks.Length; b++)
        {
            double first = 0, second = 0, cross = 0;
            for (var p = 0; p < _blocks[b].Length; p++)
            {
                var g1 = _first[b][p];
                var g2 = _blocks[b][p].Gradient;
                for (var i = 0; i < g2.Length; i++)
                {
                    first += (double)g1[i] * g1[i];
                    second += (double)g2[i] * g2[i];
                    cross += (double)g1[i] * g2[i];
                }
            }

            if (second == 0)
            {
                Alphas[b] = 1d;
                for (var p = 0; p < _blocks[b].Length; p++)
                {
                    _first[b][p].AsSpan().CopyTo(_blocks[b][p].Gradient);
                }

                continue;
            }

            var distance = first + second - (2 * cross);
            var alpha = distance <= 0 ? 0.5 : Math.Clamp((second - cross) / distance, 0d, 1d);
            Alphas[b] = alpha;
            var a = (float)(2 * alpha);
            var rest = (float)(2 * (1 - alpha));
            for (var p = 0; p < _blocks[b].Length; p++)
            {
                var g1 = _first[b][p];
                var g2 = _blocks[b][p].Gradient;
                for (var i = 0; i < g2.Length; i++)
                {
                    g2[i] = MathF.FusedMultiplyAdd(a, g1[i], rest * g2[i]);
                }
            }
        }
    }
}
