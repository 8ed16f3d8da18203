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
    private readonly HeadRoute[] _first;
    private readonly RoutedObjective _objective;
    private readonly ConditionSampler _sampler;
    private readonly double[] _draw;
    private readonly double[] _weights;

    // Per head (and per route term), the corners' values in corner order: what each draw interpolates.
    private readonly double[][] _headScales;
    private readonly double[][] _trunkScales;
    private readonly double[][][] _headCoefficients;
    private readonly double[][][] _trunkCoefficients;

    // Per-row draws: each route term's index among the objective's distinct terms, whether the trunk needs a gradient
    // of its own, and that gradient's buffer.
    private readonly int[][] _headTerms;
    private readonly int[][] _trunkTerms;
    private readonly bool[] _separateTrunk;
    private readonly float[][] _trunkBuffers;

    /// <param name="routesAt">The method's routes at given values of its variables (in the sampler's order): the same
    /// heads and the same kinds of terms in the same order at every value.</param>
    /// <param name="network">The conditional network.</param>
    /// <param name="sampler">The draws (one per batch or one per row).</param>
    public ConditionalRoutes(Func<double[], IReadOnlyList<HeadRoute>> routesAt, MultiHeadNetwork network, ConditionSampler sampler)
    {
        var variables = sampler.Variables;
        var corners = new HeadRoute[1 << variables][];
        for (var corner = 0; corner < corners.Length; corner++)
        {
            corners[corner] = routesAt(Enumerable.Range(0, variables).Select(i => (double)((corner >> i) & 1)).ToArray()).ToArray();
            if (corners[corner].Length != corners[0].Length)
            {
                throw new ArgumentException("The routes have other heads at another value of the variables.", nameof(routesAt));
            }
        }

        _first = corners[0];
        _objective = new RoutedObjective(_first, network);
        _sampler = sampler;
        _draw = new double[variables];
        _weights = new double[corners.Length];
        var heads = _first.Length;
        _headScales = ByHead(h => corners.Select(corner => (double)corner[h].HeadScale).ToArray());
        _trunkScales = ByHead(h => corners.Select(corner => (double)corner[h].TrunkScale).ToArray());
        _headCoefficients = ByHead(h => Enumerable.Range(0, _first[h].Terms.Count)
            .Select(t => corners.Select(corner => corner[h].Terms[t].Coefficient).ToArray()).ToArray());
        _trunkCoefficients = ByHead(h => Enumerable.Range(0, TrunkTerms(_first[h]).Count)
            .Select(t => corners.Select(corner => TrunkTerms(corner[h])[t].Coefficient).ToArray()).ToArray());
        _headTerms = ByHead(h => _first[h].Terms.Select(term => _objective.TermIndex(h, term.Term)).ToArray());
        _trunkTerms = ByHead(h => TrunkTerms(_first[h]).Select(term => _objective.TermIndex(h, term.Term)).ToArray());
        _separateTrunk = Enumerable.Range(0, heads)
            .Select(h => _first[h].TrunkTerms is not null || corners.Any(corner => corner[h].HeadScale != corner[h].TrunkScale))
            .ToArray();
        _trunkBuffers = ByHead(h => sampler.PerRow && _separateTrunk[h] ? Numerics.UnitBuffers.Rent<float>(network.MaxRows * network.Heads[h].Outputs) : []);

        T[] ByHead<T>(Func<int, T> value) => Enumerable.Range(0, heads).Select(value).ToArray();
    }

    /// <summary>The routes at <paramref name="values"/>: every coefficient and scale interpolated multilinearly between
    /// the corners, the terms of the first corner.</summary>
    public HeadRoute[] At(IReadOnlyList<double> values)
    {
        CornerWeights(values, _weights);
        var routes = new HeadRoute[_first.Length];
        for (var h = 0; h < routes.Length; h++)
        {
            var first = _first[h];
            routes[h] = new HeadRoute(
                Interpolated(first.Terms, _headCoefficients[h]),
                (float)Interpolate(_headScales[h]),
                (float)Interpolate(_trunkScales[h]),
                first.TrunkTerms is null ? null : Interpolated(first.TrunkTerms, _trunkCoefficients[h]));
        }

        return routes;
    }

    /// <inheritdoc/>
    public double Evaluate(
        MultiHeadNetwork network, TrainingBatch batch, float[][] gradients, Span<float> headScales, Span<float> trunkScales, float[]?[] trunkGradients)
    {
        if (_sampler.PerRow)
        {
            return EvaluatePerRow(network, batch, gradients, headScales, trunkScales, trunkGradients);
        }

        _sampler.CopyRow(0, _draw);
        _objective.Reweight(At(_draw));
        return _objective.Evaluate(network, batch, gradients, headScales, trunkScales, trunkGradients);
    }

    /// <inheritdoc/>
    public string DescribeNonFinite() => _objective.DescribeNonFinite();

    /// <summary>
    /// Per-row draws: every term's value and gradient once for the batch (the objective's), then for each row its
    /// coefficients and scales at its own draw, weighting that row's share of each term's gradient for the head and,
    /// where the trunk's differ, for the trunk; the routes' own scales become 1.
    /// </summary>
    private double EvaluatePerRow(
        MultiHeadNetwork network, TrainingBatch batch, float[][] gradients, Span<float> headScales, Span<float> trunkScales, float[]?[] trunkGradients)
    {
        if (!_objective.ComputeTerms(network, batch, out var nonFinite))
        {
            return nonFinite;
        }

        var rows = batch.Rows;
        for (var h = 0; h < _first.Length; h++)
        {
            headScales[h] = 1f;
            trunkScales[h] = 1f;
            trunkGradients[h] = _separateTrunk[h] ? _trunkBuffers[h] : null;
        }

        var total = 0.0;
        for (var r = 0; r < rows; r++)
        {
            _sampler.CopyRow(r, _draw);
            CornerWeights(_draw, _weights);
            for (var h = 0; h < _first.Length; h++)
            {
                var width = network.Heads[h].Outputs;
                total += Row(h, r, width, _headTerms[h], _headCoefficients[h], Interpolate(_headScales[h]), gradients[h], withValue: true) / rows;
                if (_separateTrunk[h])
                {
                    Row(h, r, width, _trunkTerms[h], _trunkCoefficients[h], Interpolate(_trunkScales[h]), _trunkBuffers[h], withValue: false);
                }
            }
        }

        return total;
    }

    /// <summary>Row <paramref name="r"/> of <paramref name="target"/>: the sum over the route's terms (in order) of
    /// its coefficient at the row's draw times the term's gradient, times <paramref name="scale"/>; returns the row's
    /// share of the weighted terms' values (each value times coefficient times scale).</summary>
    private double Row(int h, int r, int width, int[] terms, double[][] coefficients, double scale, float[] target, bool withValue)
    {
        var row = target.AsSpan(r * width, width);
        row.Clear();
        var value = 0.0;
        for (var t = 0; t < terms.Length; t++)
        {
            var coefficient = Interpolate(coefficients[t]) * scale;
            var c = (float)coefficient;
            var gradient = _objective.TermGradient(h, terms[t]).AsSpan(r * width, width);
            for (var o = 0; o < width; o++)
            {
                row[o] = MathF.FusedMultiplyAdd(c, gradient[o], row[o]);
            }

            value += withValue ? coefficient * _objective.TermValue(h, terms[t]) : 0;
        }

        return value;
    }

    /// <summary>The terms of <paramref name="route"/> with their coefficients interpolated at the current weights.</summary>
    private (ILossTerm Term, double Coefficient)[] Interpolated(IReadOnlyList<(ILossTerm Term, double Coefficient)> route, double[][] coefficients)
    {
        var terms = new (ILossTerm Term, double Coefficient)[route.Count];
        for (var t = 0; t < terms.Length; t++)
        {
            terms[t] = (route[t].Term, Interpolate(coefficients[t]));
        }

        return terms;
    }

    /// <summary>The sum over corners, in corner order, of each corner's current weight times its value.</summary>
    private double Interpolate(double[] byCorner)
    {
        var sum = 0.0;
        for (var corner = 0; corner < _weights.Length; corner++)
        {
            sum += _weights[corner] * byCorner[corner];
        }

        return sum;
    }

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

    /// <summary>The terms whose gradient a route sends into the trunk: its trunk terms, or its own.</summary>
    private static IReadOnlyList<(ILossTerm Term, double Coefficient)> TrunkTerms(HeadRoute route) => route.TrunkTerms ?? route.Terms;
}
