using FairMtl.Spec;
using FairMtl.Sweeps;

namespace FairMtl.Conditional;

/// <summary>The fine grid a conditional model is also evaluated on, for its continuous curves.</summary>
public static class ConditionalGrid
{
    /// <summary>
    /// <see cref="ConditionalSpec.Grid"/> values spanning each variable's declared range (evenly, or geometrically for a
    /// log-uniform draw), combined like the sweep's points (the first variable varies slowest); the points are numbered
    /// from <paramref name="firstIndex"/> on, after the sweep's own. Empty without a grid.
    /// </summary>
    public static IReadOnlyList<SweepPoint> Points(SweepSpec sweep, int firstIndex)
    {
        if (sweep.Conditional is not { Grid: > 0 } conditional)
        {
            return [];
        }

        var logScale = conditional.Distribution == ConditionalDistribution.LogUniform;
        var combinations = new List<double[]> { Array.Empty<double>() };
        foreach (var variable in sweep.Variables)
        {
            var (low, high) = (variable.Values.Min(), variable.Values.Max());
            var values = logScale
                ? EvenlySpaced.Values(Math.Log(low), Math.Log(high), conditional.Grid).Select(Math.Exp).ToArray()
                : EvenlySpaced.Values(low, high, conditional.Grid);
            combinations = combinations.SelectMany(prefix => values.Select(value => prefix.Append(value).ToArray())).ToList();
        }

        return combinations.Select((values, i) => new SweepPoint(firstIndex + i, values)).ToArray();
    }
}
