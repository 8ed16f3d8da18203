using FairMtl.Nn;
using FairMtl.Objectives.Routing;
using FairMtl.Training;

namespace FairMtl.Conditional;

/// <summary>
/// The routed objective of a loss-conditional comparison model (a method comparison's <c>front.conditional</c>, a
/// multi-task comparison's <c>sweep.conditional</c>). A method's routes are multi-affine in its variables: every
/// coefficient and scale is of degree at most one in each (lambda and 1 - lambda for the auxiliary method, lambda for a
/// regularised one; w_t, lambda_t and lambda_t r_t for the multi-task methods). So they are built once at each corner of
/// the unit cube (every variable 0 or 1) and every batch trains with them interpolated multilinearly at the draw, which
/// is exact for such routes at any values. The terms are those of the first corner: one set of loss instances and
/// buffers for every draw. Drawn per batch, the batch trains with the method's routes at its draw. Drawn per row, each
/// row's share of every term's gradient is weighted by that term's coefficient and its head's (or the trunk's) scale
/// at the row's own draw: a weight per row in every loss and routing rule. For a term that is a mean of row losses this
/// is the gradient of the row-weighted loss; for a batch statistic (a group gap, an MMD, a correlation) it is the
/// statistic's gradient with each row's part weighted, there being no per-row value to weight.
/// </summary>
public sealed class ConditionalRoutes : IBatchObjective
{
    private readonly HeadRoute[][] _corners;
    private readonly RoutedObjective _objective;
    private readonly ConditionSampler _sampler;
    private readonly double[] _draw;
    private readonly double[] _weights;
    private readonly RowRouting? _rows;

    /// <param name="routesAt">The method's routes at given values of its variables (in the sampler's order): the same
    /// heads and the same kinds of terms in the same order at every value.</param>
    /// <param name="network">The conditional network.</param>
    /// <param name="sampler">The draws (one per batch).</param>
    public ConditionalRoutes(Func<double[], IReadOnlyList<HeadRoute>> routesAt, MultiHeadNetwork network, ConditionSampler sampler)
    {
        var variables = sampler.Variables;
        _corners = new HeadRoute[1 << variables][];
        for (var corner = 0; corner < _corners.Length; corner++)
        {
            _corners[corner] = routesAt(Enumerable.Range(0, variables).Select(i => (double)((corner >> i) & 1)).ToArray()).ToArray();
            if (_corners[corner].Length != _corners[0].Length)
            {
                throw new ArgumentException("The routes have other heads at another value of the variables.", nameof(routesAt));
            }
        }

        _objective = new RoutedObjective(_corners[0], network);
        _sampler = sampler;
        _draw = new double[variables];
        _weights = new double[_corners.Length];
        _rows = sampler.PerRow ? new RowRouting(_corners, network) : null;
    }

    /// <summary>The routes at <paramref name="values"/>: every coefficient and scale interpolated multilinearly between
    /// the corners, the terms of the first corner.</summary>
    public HeadRoute[] At(IReadOnlyList<double> values)
    {
        CornerWeights(values, _weights);

        var first = _corners[0];
        var routes = new HeadRoute[first.Length];
        for (var h = 0; h < routes.Length; h++)
        {
            routes[h] = new HeadRoute(
                Terms(h, route => route.Terms),
                (float)Sum(corner => _corners[corner][h].HeadScale),
                (float)Sum(corner => _corners[corner][h].TrunkScale),
                first[h].TrunkTerms is null ? null : Terms(h, route => route.TrunkTerms!));
        }

        return routes;
    }

    /// <inheritdoc/>
    public double Evaluate(
        MultiHeadNetwork network, TrainingBatch batch, float[][] gradients, Span<float> headScales, Span<float> trunkScales, float[]?[] trunkGradients)
    {
        if (_rows is not null)
        {
            return _rows.Evaluate(network, batch, gradients, headScales, trunkScales, trunkGradients, _sampler, _draw, _weights);
        }

        _sampler.CopyRow(0, _draw);
        _objective.Reweight(At(_draw));
        return _objective.Evaluate(network, batch, gradients, headScales, trunkScales, trunkGradients);
    }

    /// <inheritdoc/>
    public string DescribeNonFinite() => _rows?.NonFinite ?? _objective.DescribeNonFinite();

    /// <summary>The multilinear weight of each corner at <paramref name="values"/>.</summary>
    private static void CornerWeights(IReadOnlyList<double> values, double[] weights)
    {
        for (var corner = 0; corner < weights.Length; corner++)
        {
            var weight = 1.0;
            for (var i = 0; i < values.Count; i++)
            {
                weight *= ((corner >> i) & 1) == 1 ? values[i] : 1 - values[i];
            }

            weights[corner] = weight;
        }
    }

    /// <summary>
    /// Per-row routing: every term's value and gradient once per batch, then for each row its coefficients and scales
    /// at its own draw, weighting that row's share of each term's gradient for the head and, where the trunk's differ,
    /// for the trunk.
    /// </summary>
    private sealed class RowRouting
    {
        private readonly HeadRoute[][] _corners;
        private readonly ILossTerm[][] _terms;
        private readonly int[][] _headTerms;
        private readonly int[]?[] _trunkTerms;
        private readonly bool[] _separateTrunk;
        private readonly float[][][] _termGradients;
        private readonly double[][] _termValues;
        private readonly float[][] _trunkBuffers;
        private readonly int[] _outputs;

        public RowRouting(HeadRoute[][] corners, MultiHeadNetwork network)
        {
            _corners = corners;
            var first = corners[0];
            var heads = first.Length;
            _terms = new ILossTerm[heads][];
            _headTerms = new int[heads][];
            _trunkTerms = new int[heads][];
            _separateTrunk = new bool[heads];
            _termGradients = new float[heads][][];
            _termValues = new double[heads][];
            _trunkBuffers = new float[heads][];
            _outputs = network.Heads.Select(head => head.Outputs).ToArray();
            for (var h = 0; h < heads; h++)
            {
                var distinct = first[h].Terms.Select(term => term.Term).Concat(first[h].TrunkTerms?.Select(term => term.Term) ?? []).Distinct().ToArray();
                _terms[h] = distinct;
                _headTerms[h] = first[h].Terms.Select(term => Array.IndexOf(distinct, term.Term)).ToArray();
                _trunkTerms[h] = first[h].TrunkTerms?.Select(term => Array.IndexOf(distinct, term.Term)).ToArray();
                _separateTrunk[h] = _trunkTerms[h] is not null || corners.Any(corner => corner[h].HeadScale != corner[h].TrunkScale);
                var width = network.MaxRows * _outputs[h];
                _termGradients[h] = distinct.Select(_ => Numerics.UnitBuffers.Rent<float>(width)).ToArray();
                _termValues[h] = new double[distinct.Length];
                _trunkBuffers[h] = _separateTrunk[h] ? Numerics.UnitBuffers.Rent<float>(width) : [];
            }
        }

        public string? NonFinite { get; private set; }

        public double Evaluate(
            MultiHeadNetwork network,
            TrainingBatch batch,
            float[][] gradients,
            Span<float> headScales,
            Span<float> trunkScales,
            float[]?[] trunkGradients,
            ConditionSampler sampler,
            double[] draw,
            double[] weights)
        {
            NonFinite = null;
            var rows = batch.Rows;
            for (var h = 0; h < _terms.Length; h++)
            {
                var outputs = network.Heads[h].Prediction.AsSpan(0, rows * _outputs[h]);
                for (var k = 0; k < _terms[h].Length; k++)
                {
                    var value = _terms[h][k].Compute(outputs, batch, h, _termGradients[h][k]);
                    if (!double.IsFinite(value))
                    {
                        NonFinite = $"{_terms[h][k].Name} of head '{network.Heads[h].Spec.Name}'";
                        return value;
                    }

                    _termValues[h][k] = value;
                }

                headScales[h] = 1f;
                trunkScales[h] = 1f;
                trunkGradients[h] = _separateTrunk[h] ? _trunkBuffers[h] : null;
            }

            var total = 0.0;
            for (var r = 0; r < rows; r++)
            {
                sampler.CopyRow(r, draw);
                CornerWeights(draw, weights);
                for (var h = 0; h < _terms.Length; h++)
                {
                    var headScale = Sum(weights, corner => corner[h].HeadScale);
                    total += Row(h, r, weights, _headTerms[h], route => route.Terms, headScale, gradients[h], withValue: true) / rows;
                    if (_separateTrunk[h])
                    {
                        var trunkScale = Sum(weights, corner => corner[h].TrunkScale);
                        Row(h, r, weights, _trunkTerms[h] ?? _headTerms[h], route => route.TrunkTerms ?? route.Terms, trunkScale, _trunkBuffers[h], withValue: false);
                    }
                }
            }

            return total;
        }

        /// <summary>Row <paramref name="r"/> of <paramref name="target"/>: the sum over the route's terms (in order) of
        /// its coefficient at the row's draw times the term's gradient, times <paramref name="scale"/>; returns the
        /// row's share of the weighted terms' values (each value times coefficient times scale).</summary>
        private double Row(
            int h,
            int r,
            double[] weights,
            int[] termIndex,
            Func<HeadRoute, IReadOnlyList<(ILossTerm Term, double Coefficient)>> terms,
            double scale,
            float[] target,
            bool withValue)
        {
            var width = _outputs[h];
            var row = target.AsSpan(r * width, width);
            row.Clear();
            var value = 0.0;
            for (var t = 0; t < termIndex.Length; t++)
            {
                var coefficient = Sum(weights, corner => terms(corner[h])[t].Coefficient) * scale;
                var c = (float)coefficient;
                var gradient = _termGradients[h][termIndex[t]].AsSpan(r * width, width);
                for (var o = 0; o < width; o++)
                {
                    row[o] = MathF.FusedMultiplyAdd(c, gradient[o], row[o]);
                }

                value += withValue ? coefficient * _termValues[h][termIndex[t]] : 0;
            }

            return value;
        }

        private double Sum(double[] weights, Func<HeadRoute[], double> value)
        {
            var sum = 0.0;
            for (var corner = 0; corner < weights.Length; corner++)
            {
                sum += weights[corner] * value(_corners[corner]);
            }

            return sum;
        }
    }

    private (ILossTerm Term, double Coefficient)[] Terms(int h, Func<HeadRoute, IReadOnlyList<(ILossTerm Term, double Coefficient)>> of)
    {
        var first = of(_corners[0][h]);
        var terms = new (ILossTerm Term, double Coefficient)[first.Count];
        for (var t = 0; t < terms.Length; t++)
        {
            terms[t] = (first[t].Term, Sum(corner => of(_corners[corner][h])[t].Coefficient));
        }

        return terms;
    }

    /// <summary>The sum over corners of their weight times <paramref name="value"/>, in corner order.</summary>
    private double Sum(Func<int, double> value)
    {
        var sum = 0.0;
        for (var corner = 0; corner < _corners.Length; corner++)
        {
            sum += _weights[corner] * value(corner);
        }

        return sum;
    }
}
