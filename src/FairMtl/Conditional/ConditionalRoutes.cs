using FairMtl.Nn;
using FairMtl.Objectives.Routing;
using FairMtl.Training;

namespace FairMtl.Conditional;

/// <summary>
/// The routed objective of a loss-conditional front model (a method comparison's <c>front.conditional</c>): the routes
/// of a front method are linear in its lambda (the auxiliary method's task heads weigh lambda and its fairness heads
/// 1 - lambda; the regularised method's penalty weighs lambda), so they are given at lambda = 0 and lambda = 1 and every
/// batch trains with each coefficient and scale interpolated at the batch's draw. The terms are those of the routes at 0
/// (one set of loss instances and buffers for every lambda).
/// </summary>
public sealed class ConditionalRoutes : IBatchObjective
{
    private readonly HeadRoute[] _atZero;
    private readonly HeadRoute[] _atOne;
    private readonly RoutedObjective _objective;
    private readonly ConditionSampler _sampler;
    private readonly double[] _draw = new double[1];

    /// <param name="atZero">The method's routes at lambda = 0.</param>
    /// <param name="atOne">Its routes at lambda = 1: the same heads, terms of the same kinds in the same order.</param>
    /// <param name="network">The conditional network.</param>
    /// <param name="sampler">The draws of lambda (per batch).</param>
    public ConditionalRoutes(IReadOnlyList<HeadRoute> atZero, IReadOnlyList<HeadRoute> atOne, MultiHeadNetwork network, ConditionSampler sampler)
    {
        if (atZero.Count != atOne.Count || sampler.Variables != 1 || sampler.PerRow)
        {
            throw new ArgumentException("A conditional front has one route per head at each end, and one lambda drawn per batch.");
        }

        _atZero = atZero.ToArray();
        _atOne = atOne.ToArray();
        _objective = new RoutedObjective(atZero, network);
        _sampler = sampler;
    }

    /// <summary>The routes at <paramref name="lambda"/>: every coefficient and scale interpolated linearly between the
    /// ends, the terms of the routes at 0.</summary>
    public HeadRoute[] At(double lambda)
    {
        var routes = new HeadRoute[_atZero.Length];
        for (var h = 0; h < routes.Length; h++)
        {
            var (zero, one) = (_atZero[h], _atOne[h]);
            routes[h] = new HeadRoute(
                Terms(zero.Terms, one.Terms, lambda),
                (float)Between(zero.HeadScale, one.HeadScale, lambda),
                (float)Between(zero.TrunkScale, one.TrunkScale, lambda),
                zero.TrunkTerms is null ? null : Terms(zero.TrunkTerms, one.TrunkTerms!, lambda));
        }

        return routes;
    }

    /// <inheritdoc/>
    public double Evaluate(
        MultiHeadNetwork network, TrainingBatch batch, float[][] gradients, Span<float> headScales, Span<float> trunkScales, float[]?[] trunkGradients)
    {
        _sampler.CopyRow(0, _draw);
        _objective.Reweight(At(_draw[0]));
        return _objective.Evaluate(network, batch, gradients, headScales, trunkScales, trunkGradients);
    }

    /// <inheritdoc/>
    public string DescribeNonFinite() => _objective.DescribeNonFinite();

    private static (ILossTerm Term, double Coefficient)[] Terms(
        IReadOnlyList<(ILossTerm Term, double Coefficient)> zero, IReadOnlyList<(ILossTerm Term, double Coefficient)> one, double lambda)
    {
        var terms = new (ILossTerm Term, double Coefficient)[zero.Count];
        for (var t = 0; t < terms.Length; t++)
        {
            terms[t] = (zero[t].Term, Between(zero[t].Coefficient, one[t].Coefficient, lambda));
        }

        return terms;
    }

    private static double Between(double zero, double one, double lambda) => zero + (lambda * (one - zero));
}
