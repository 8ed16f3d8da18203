using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Training;

namespace FairMtl.Objectives.Routing;

/// <summary>
/// An objective given as one <see cref="HeadRoute"/> per head: each head's loss terms are summed into its gradient,
/// which is routed to the head's parameters and into the trunk with separate factors. The reported value is
/// <c>sum_h HeadScale_h * sum_t Coefficient_t * Term_t</c>. A term listed for both the head and the trunk (MTA-F) is
/// computed once per batch.
/// </summary>
public sealed class RoutedObjective : IBatchObjective
{
    private readonly HeadRoute[] _routes;
    private readonly ILossTerm[][] _distinct;
    private readonly float[][][] _termGradients;
    private readonly double[][] _termValues;
    private readonly float[][] _trunkBuffers;
    private string _nonFinite = "the objective";

    /// <param name="routes">One route per head of <paramref name="network"/>, in order.</param>
    /// <param name="network">The network whose heads the routes train (its batch capacity and the heads' output widths
    /// size the objective's buffers).</param>
    public RoutedObjective(IReadOnlyList<HeadRoute> routes, MultiHeadNetwork network)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(network);
        if (network.Heads.Length != routes.Count)
        {
            throw new ArgumentException($"The objective routes {routes.Count} heads; the network has {network.Heads.Length}.", nameof(routes));
        }

        // Plain loops: a unit builds its objective once, and LINQ here was a third of a unit's allocations.
        var heads = routes.Count;
        _routes = new HeadRoute[heads];
        _distinct = new ILossTerm[heads][];
        _termGradients = new float[heads][][];
        _termValues = new double[heads][];
        _trunkBuffers = new float[heads][];
        for (var h = 0; h < heads; h++)
        {
            var route = routes[h];
            var width = network.MaxRows * network.Heads[h].Outputs;
            _routes[h] = route;
            _distinct[h] = DistinctTerms(route);
            _termGradients[h] = new float[_distinct[h].Length][];
            for (var k = 0; k < _distinct[h].Length; k++)
            {
                _termGradients[h][k] = UnitBuffers.Rent<float>(width);
            }

            _termValues[h] = UnitBuffers.Rent<double>(_distinct[h].Length);
            _trunkBuffers[h] = route.TrunkTerms is null ? [] : UnitBuffers.Rent<float>(width);
        }
    }

    /// <summary>One route per head, in the network's order.</summary>
    public IReadOnlyList<HeadRoute> Routes => _routes;

    /// <summary>
    /// Replaces the routes' coefficients and scales for the next batches (a loss-conditional model's weighting at the
    /// batch's draw): each new route must list the same term instances as the route it replaces, in the same order.
    /// </summary>
    /// <exception cref="ArgumentException">A route lists other terms.</exception>
    public void Reweight(IReadOnlyList<HeadRoute> routes)
    {
        if (routes.Count != _routes.Length)
        {
            throw new ArgumentException($"The objective routes {_routes.Length} heads; {routes.Count} routes were given.", nameof(routes));
        }

        for (var h = 0; h < _routes.Length; h++)
        {
            if (!SameTerms(_routes[h].Terms, routes[h].Terms) || !SameTerms(_routes[h].TrunkTerms ?? [], routes[h].TrunkTerms ?? []))
            {
                throw new ArgumentException($"Route {h} lists other loss terms than the route it replaces.", nameof(routes));
            }

            _routes[h] = routes[h];
        }
    }

    private static bool SameTerms(IReadOnlyList<(ILossTerm Term, double Coefficient)> a, IReadOnlyList<(ILossTerm Term, double Coefficient)> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var t = 0; t < a.Count; t++)
        {
            if (!ReferenceEquals(a[t].Term, b[t].Term))
            {
                return false;
            }
        }

        return true;
    }

    public double Evaluate(
        MultiHeadNetwork network, TrainingBatch batch, float[][] gradients, Span<float> headScales, Span<float> trunkScales, float[]?[] trunkGradients)
    {
        if (network.Heads.Length != _routes.Length)
        {
            throw new ArgumentException($"The objective routes {_routes.Length} heads; the network has {network.Heads.Length}.", nameof(network));
        }

        if (!ComputeTerms(network, batch, out var nonFinite))
        {
            return nonFinite;
        }

        var total = 0.0;
        for (var h = 0; h < _routes.Length; h++)
        {
            var values = batch.Rows * network.Heads[h].Outputs;
            var route = _routes[h];
            total += Combine(h, route.Terms, gradients[h], values, route.HeadScale);
            trunkGradients[h] = null;
            if (route.TrunkTerms is { } trunkTerms)
            {
                Combine(h, trunkTerms, _trunkBuffers[h], values, 0f);
                trunkGradients[h] = _trunkBuffers[h];
            }

            headScales[h] = route.HeadScale;
            trunkScales[h] = route.TrunkScale;
        }

        return total;
    }

    public string DescribeNonFinite() => _nonFinite;

    /// <summary>
    /// Computes every distinct term of every head once for the batch (what <see cref="Evaluate"/> combines); false at the
    /// first non-finite value, returned in <paramref name="nonFinite"/>, with <see cref="DescribeNonFinite"/> naming it.
    /// </summary>
    internal bool ComputeTerms(MultiHeadNetwork network, TrainingBatch batch, out double nonFinite)
    {
        for (var h = 0; h < _routes.Length; h++)
        {
            var outputs = network.Heads[h].Prediction.AsSpan(0, batch.Rows * network.Heads[h].Outputs);
            for (var k = 0; k < _distinct[h].Length; k++)
            {
                var term = _distinct[h][k];
                var value = term.Compute(outputs, batch, h, _termGradients[h][k]);
                if (!double.IsFinite(value))
                {
                    _nonFinite = $"{term.Name} of head '{network.Heads[h].Spec.Name}'";
                    nonFinite = value;
                    return false;
                }

                _termValues[h][k] = value;
            }
        }

        nonFinite = 0;
        return true;
    }

    /// <summary>The index of <paramref name="term"/> among head <paramref name="head"/>'s distinct terms.</summary>
    internal int TermIndex(int head, ILossTerm term) => Array.IndexOf(_distinct[head], term);

    /// <summary>The gradient of head <paramref name="head"/>'s distinct term <paramref name="index"/> from the last
    /// <see cref="ComputeTerms"/> (one entry per batch row and output).</summary>
    internal float[] TermGradient(int head, int index) => _termGradients[head][index];

    /// <summary>The value of head <paramref name="head"/>'s distinct term <paramref name="index"/> from the last
    /// <see cref="ComputeTerms"/>.</summary>
    internal double TermValue(int head, int index) => _termValues[head][index];

    /// <summary>A route's terms, head terms then trunk terms, each instance once, in first-use order.</summary>
    private static ILossTerm[] DistinctTerms(HeadRoute route)
    {
        var trunkTerms = route.TrunkTerms ?? [];
        var terms = new ILossTerm[route.Terms.Count + trunkTerms.Count];
        var count = 0;
        for (var i = 0; i < terms.Length; i++)
        {
            var term = i < route.Terms.Count ? route.Terms[i].Term : trunkTerms[i - route.Terms.Count].Term;
            if (Array.IndexOf(terms, term, 0, count) < 0)
            {
                terms[count++] = term;
            }
        }

        return count == terms.Length ? terms : terms[..count];
    }

    /// <summary>target = sum_t c_t dTerm_t over the first <paramref name="values"/> outputs (the batch rows' outputs), in
    /// the terms' order; returns weight * sum_t c_t Term_t.</summary>
    private double Combine(int h, IReadOnlyList<(ILossTerm Term, double Coefficient)> terms, float[] target, int values, float weight)
    {
        var gradient = target.AsSpan(0, values);
        gradient.Clear();
        var value = 0.0;
        for (var t = 0; t < terms.Count; t++)
        {
            var (term, coefficient) = terms[t];
            var k = Array.IndexOf(_distinct[h], term);
            value += weight * coefficient * _termValues[h][k];
            var termGradient = _termGradients[h][k];
            var c = (float)coefficient;
            for (var i = 0; i < values; i++)
            {
                gradient[i] = MathF.FusedMultiplyAdd(c, termGradient[i], gradient[i]);
            }
        }

        return value;
    }
}
