using FairMtl.Nn;
using FairMtl.Training;

namespace FairMtl.Objectives.Routing;

/// <summary>
/// An objective given as one <see cref="HeadRoute"/> per head: each head's loss terms are summed into its gradient,
/// which is routed to the head's parameters and into the trunk with separate factors. The reported value is
/// <c>sum_h HeadScale_h * sum_t Coefficient_t * Term_t</c>.
/// </summary>
public sealed class RoutedObjective : IBatchObjective
{
    private readonly HeadRoute[] _routes;
    private readonly float[] _scratch;
    private readonly float[][] _trunkBuffers;
    private string _nonFinite = "the objective";

    public RoutedObjective(IReadOnlyList<HeadRoute> routes, int maxRows)
    {
        _routes = routes.ToArray();
        _scratch = new float[maxRows];
        _trunkBuffers = _routes.Select(route => route.TrunkTerms is null ? [] : new float[maxRows]).ToArray();
    }

    public double Evaluate(
        MultiHeadNetwork network, TrainingBatch batch, float[][] gradients, Span<float> headScales, Span<float> trunkScales, float[]?[] trunkGradients)
    {
        if (network.Heads.Length != _routes.Length)
        {
            throw new ArgumentException($"The objective routes {_routes.Length} heads; the network has {network.Heads.Length}.", nameof(network));
        }

        var total = 0.0;
        for (var h = 0; h < _routes.Length; h++)
        {
            var route = _routes[h];
            if (!Accumulate(network, batch, h, route.Terms, gradients[h], route.HeadScale, ref total, out var failed))
            {
                return failed;
            }

            trunkGradients[h] = null;
            if (route.TrunkTerms is { } trunkTerms)
            {
                var ignored = 0.0;
                if (!Accumulate(network, batch, h, trunkTerms, _trunkBuffers[h], 0f, ref ignored, out failed))
                {
                    return failed;
                }

                trunkGradients[h] = _trunkBuffers[h];
            }

            headScales[h] = route.HeadScale;
            trunkScales[h] = route.TrunkScale;
        }

        return total;
    }

    /// <summary>target = sum_t c_t dTerm_t over the batch rows; adds weight * sum_t c_t Term_t to the total. False
    /// (with the culprit noted and its value in <paramref name="failed"/>) when a term is not finite.</summary>
    private bool Accumulate(
        MultiHeadNetwork network,
        TrainingBatch batch,
        int h,
        IReadOnlyList<(ILossTerm Term, double Coefficient)> terms,
        float[] target,
        float weight,
        ref double total,
        out double failed)
    {
        failed = 0.0;
        var rows = batch.Rows;
        var gradient = target.AsSpan(0, rows);
        gradient.Clear();
        var outputs = network.Heads[h].Prediction.AsSpan(0, rows);
        var scratch = _scratch.AsSpan(0, rows);
        foreach (var (term, coefficient) in terms)
        {
            var value = term.Compute(outputs, batch, h, scratch);
            if (!double.IsFinite(value))
            {
                _nonFinite = $"{term.Name} of head '{network.Heads[h].Spec.Name}'";
                failed = value;
                return false;
            }

            total += weight * coefficient * value;
            var c = (float)coefficient;
            for (var i = 0; i < rows; i++)
            {
                gradient[i] = MathF.FusedMultiplyAdd(c, scratch[i], gradient[i]);
            }
        }

        return true;
    }

    public string DescribeNonFinite() => _nonFinite;
}
