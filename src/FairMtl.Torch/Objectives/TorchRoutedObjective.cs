using FairMtl.Objectives.Routing;
using FairMtl.Torch.Modules;
using static TorchSharp.torch;

namespace FairMtl.Torch.Objectives;

/// <summary>
/// A <see cref="RoutedObjective"/> in torch operations: per head h, its terms' weighted sum
/// <c>S_h = sum_t c_t T_t(outputs_h)</c> (each term once, <see cref="TorchLossTerms"/>); the heads' parameters receive
/// the gradient of <c>sum_h HeadScale_h S_h</c>, the trunk that of <c>sum_h TrunkScale_h S'_h</c> with S'_h the sum
/// over the route's trunk terms when it has its own (MTA-F), else S_h. The value is the native one,
/// <c>sum_h HeadScale_h S_h</c>.
/// </summary>
public sealed class TorchRoutedObjective(IReadOnlyList<HeadRoute> routes) : ITorchObjective
{
    /// <summary>The routes, one per head.</summary>
    public IReadOnlyList<HeadRoute> Routes { get; } = routes;

    public TorchObjectiveParts Evaluate(IReadOnlyList<Tensor> outputs, TorchBatch batch)
    {
        Tensor? heads = null, trunk = null;
        for (var h = 0; h < Routes.Count; h++)
        {
            var route = Routes[h];
            var computed = new Dictionary<ILossTerm, Tensor>(ReferenceEqualityComparer.Instance);
            Tensor Term(ILossTerm term)
            {
                if (!computed.TryGetValue(term, out var value))
                {
                    value = TorchLossTerms.Compute(term, outputs[h], batch, h);
                    computed.Add(term, value);
                }

                return value;
            }

            var sum = Weighted(route.Terms, Term);
            heads = Add(heads, sum.mul(TorchScalars.Of((double)route.HeadScale)));
            if (route.TrunkScale != 0f)
            {
                var trunkSum = route.TrunkTerms is { } trunkTerms ? Weighted(trunkTerms, Term) : sum;
                trunk = Add(trunk, trunkSum.mul(TorchScalars.Of((double)route.TrunkScale)));
            }
        }

        return new TorchObjectiveParts(heads!.item<double>(), heads, trunk);
    }

    private static Tensor Weighted(IReadOnlyList<(ILossTerm Term, double Coefficient)> terms, Func<ILossTerm, Tensor> value)
    {
        Tensor? sum = null;
        foreach (var (term, coefficient) in terms)
        {
            sum = Add(sum, value(term).mul(TorchScalars.Of(coefficient)));
        }

        return sum!;
    }

    private static Tensor Add(Tensor? sum, Tensor part) => sum is null ? part : TorchScalars.Sum(sum, part);
}
