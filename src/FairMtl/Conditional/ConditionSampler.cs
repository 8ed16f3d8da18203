using FairMtl.Numerics;
using FairMtl.Spec;
using FairMtl.Sweeps;
using FairMtl.Training;

namespace FairMtl.Conditional;

/// <summary>
/// Draws the sweep variables of a loss-conditional model for every training batch (once per batch or once per row, from
/// the declared distribution, in the order of the "condition" stream of the unit's seed) and writes them, encoded, into
/// the batch's conditioning columns; keeps the raw values for the loss weighting. A variable is encoded as its position
/// in its range, 0 at the smallest declared value and 1 at the largest (on a log scale for a log-uniform draw), so that
/// every variable reaches the network on the same scale whatever its units.
/// </summary>
public sealed class ConditionSampler : IBatchConditioner
{
    private readonly ConditionalSpec _spec;
    private readonly double[] _low;
    private readonly double[] _high;
    private readonly IReadOnlyList<SweepPoint> _points;
    private readonly DeterministicRandom _random;
    private readonly double[] _values;

    /// <param name="sweep">The sweep (its variables' ranges and points, its <see cref="SweepSpec.Conditional"/> settings).</param>
    /// <param name="points">The sweep's points (what the <c>points</c> distribution draws from).</param>
    /// <param name="random">The unit's "condition" stream.</param>
    /// <param name="maxRows">The largest batch.</param>
    public ConditionSampler(SweepSpec sweep, IReadOnlyList<SweepPoint> points, DeterministicRandom random, int maxRows)
    {
        _spec = sweep.Conditional ?? throw new ArgumentException("The sweep is not conditional.", nameof(sweep));
        Variables = sweep.Variables.Count;
        var logScale = _spec.Distribution == ConditionalDistribution.LogUniform;
        _low = sweep.Variables.Select(variable => Scale(variable.Values.Min(), logScale)).ToArray();
        _high = sweep.Variables.Select(variable => Scale(variable.Values.Max(), logScale)).ToArray();
        _points = points;
        _random = random;
        _values = UnitBuffers.Rent<double>(maxRows * Variables);
    }

    /// <summary>How many variables condition the model.</summary>
    public int Variables { get; }

    /// <summary>Whether each row has its own draw.</summary>
    public bool PerRow => _spec.Sampling == ConditionalSampling.PerRow;

    /// <inheritdoc/>
    public void Condition(Span<float> inputs, int rows, int features)
    {
        var variables = Variables;
        for (var r = 0; r < rows; r++)
        {
            var values = _values.AsSpan(r * variables, variables);
            if (r == 0 || PerRow)
            {
                Draw(values);
            }
            else
            {
                _values.AsSpan(0, variables).CopyTo(values);
            }

            Encode(values, inputs.Slice(r * features + features - variables, variables));
        }
    }

    /// <summary>The raw variable values of row <paramref name="row"/> of the last batch.</summary>
    public ReadOnlySpan<double> Row(int row) => _values.AsSpan(row * Variables, Variables);

    /// <summary>Copies the raw variable values of row <paramref name="row"/> of the last batch into
    /// <paramref name="values"/>.</summary>
    public void CopyRow(int row, double[] values) => Row(row).CopyTo(values);

    /// <summary>The conditioning inputs of <paramref name="values"/> (one per variable, in the spec's order).</summary>
    public void Encode(IReadOnlyList<double> values, Span<float> encoded)
    {
        Span<double> copy = stackalloc double[Variables];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = values[i];
        }

        Encode(copy, encoded);
    }

    private void Encode(ReadOnlySpan<double> values, Span<float> encoded)
    {
        var logScale = _spec.Distribution == ConditionalDistribution.LogUniform;
        for (var i = 0; i < values.Length; i++)
        {
            var width = _high[i] - _low[i];
            encoded[i] = width > 0 ? (float)((Scale(values[i], logScale) - _low[i]) / width) : 0f;
        }
    }

    private void Draw(Span<double> draw)
    {
        switch (_spec.Distribution)
        {
            case ConditionalDistribution.Uniform:
                for (var i = 0; i < draw.Length; i++)
                {
                    draw[i] = _low[i] + ((_high[i] - _low[i]) * _random.NextDouble());
                }

                break;
            case ConditionalDistribution.LogUniform:
                for (var i = 0; i < draw.Length; i++)
                {
                    draw[i] = Math.Exp(_low[i] + ((_high[i] - _low[i]) * _random.NextDouble()));
                }

                break;
            default:
                var point = _points[_random.NextInt(_points.Count)].Values;
                for (var i = 0; i < draw.Length; i++)
                {
                    draw[i] = point[i];
                }

                break;
        }
    }

    private static double Scale(double value, bool logScale) => logScale ? Math.Log(value) : value;
}
