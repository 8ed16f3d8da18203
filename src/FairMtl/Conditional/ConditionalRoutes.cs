using FairMtl.Nn;
using FairMtl.Objectives.Routing;
using FairMtl.Training;

namespace FairMtl.Conditional;

/// <summary>
/// The routed objective of a loss-conditional comparison model (a method comparison's <c>front.conditional</c>, a
/// multi-task comparison's <c>sweep.conditional</c>). A method's routes are multi-affine in its variables: every
/// coefficient and scale is of degree at most one in each (lambda and 1 - lambda for the auxiliary method, lambda for a
/// regularised one; w_t, lambda_t and lambda_t r_t for the multi-task methods). So they are built once at each corner of
/// the unit cube (every variable 0 or 1) and every batch trains with them interpolated multilinearly at the batch's
/// draw, which is exact for such routes at any values. The terms are those of the first corner: one set of loss
/// instances and buffers for every draw.
/// </summary>
public sealed class ConditionalRoutes : IBatchObjective
{
    private readonly HeadRoute[][] _corners;
    private readonly RoutedObjective _objective;
    private readonly ConditionSampler _sampler;
    private readonly double[] _draw;
    private readonly double[] _weights;

    /// <param name="routesAt">The method's routes at given values of its variables (in the sampler's order): the same
    /// heads and the same kinds of terms in the same order at every value.</param>
    /// <param name="network">The conditional network.</param>
    /// <param name="sampler">The draws (one per batch).</param>
    public ConditionalRoutes(Func<double[], IReadOnlyList<HeadRoute>> routesAt, MultiHeadNetwork network, ConditionSampler sampler)
    {
        if (sampler.PerRow)
        {
            throw new ArgumentException("A conditional comparison model draws its variables once per batch.", nameof(sampler));
        }

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
    }

    /// <summary>The routes at <paramref name="values"/>: every coefficient and scale interpolated multilinearly between
    /// the corners, the terms of the first corner.</summary>
    public HeadRoute[] At(IReadOnlyList<double> values)
    {
        for (var corner = 0; corner < _corners.Length; corner++)
        {
            var weight = 1.0;
            for (var i = 0; i < values.Count; i++)
            {
                weight *= ((corner >> i) & 1) == 1 ? values[i] : 1 - values[i];
            }

            _weights[corner] = weight;
        }

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
        _sampler.CopyRow(0, _draw);
        _objective.Reweight(At(_draw));
        return _objective.Evaluate(network, batch, gradients, headScales, trunkScales, trunkGradients);
    }

    /// <inheritdoc/>
    public string DescribeNonFinite() => _objective.DescribeNonFinite();

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
