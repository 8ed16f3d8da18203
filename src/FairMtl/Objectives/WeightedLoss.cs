using FairMtl.Objectives.Weighting;

namespace FairMtl.Objectives;

/// <summary>The spec's weighting expression at one sweep point.</summary>
public sealed class WeightedLoss : ILossCombiner
{
    private readonly ILossWeighting _weighting;
    private readonly double[] _variables;

    /// <param name="weighting">Over the network's heads (loss order) and the sweep variables.</param>
    /// <param name="variables">The sweep point's values, in the spec's variable order.</param>
    public WeightedLoss(ILossWeighting weighting, double[] variables)
    {
        _weighting = weighting;
        _variables = variables;
    }

    /// <summary>The sweep point's values, in the spec's variable order (what a weighting written for another engine
    /// evaluates the same expression at).</summary>
    public IReadOnlyList<double> Variables => _variables;

    public double Combine(double[] losses, double[] coefficients)
    {
        _weighting.Gradient(losses, _variables, coefficients);
        return _weighting.Evaluate(losses, _variables);
    }
}
