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
    private string _nonFinite = "the objective";

    public RoutedObjective(IReadOnlyList<HeadRoute> routes, int maxRows)
    {
        _routes = routes.ToArray();
        _scratch = new float[maxRows];
    }

    public double Evaluate(MultiHeadNetwork network, TrainingBatch batch, float[][] gradients, Span<float> headScales, Span<float> trunkScales)
    {
        if (network.Heads.Length != _routes.Length)
        {
            throw new ArgumentException($"The objective routes {_routes.Length} heads; the network has {network.Heads.Length}.", nameof(network));
        }

        var rows = batch.Rows;
        var total = 0.0;
        for (var h = 0; h < _routes.Length; h++)
        {
            var route = _routes[h];
            var gradient = gradients[h].AsSpan(0, rows);
            gradient.Clear();
            var outputs = network.Heads[h].Prediction.AsSpan(0, rows);
            var scratch = _scratch.AsSpan(0, rows);
            foreach (var (term, coefficient) in route.Terms)
            {
                var value = term.Compute(outputs, batch, h, scratch);
                if (!double.IsFinite(value))
                {
                    _nonFinite = $"{term.Name} of head '{network.Heads[h].Spec.Name}'";
                    return value;
                }

                total += route.HeadScale * coefficient * value;
                var c = (float)coefficient;
                for (var i = 0; i < rows; i++)
                {
                    gradient[i] = MathF.FusedMultiplyAdd(c, scratch[i], gradient[i]);
                }
            }

            headScales[h] = route.HeadScale;
            trunkScales[h] = route.TrunkScale;
        }

        return total;
    }

    public string DescribeNonFinite() => _nonFinite;
}
