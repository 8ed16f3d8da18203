using FairMtl.Objectives.Constraints;
using FairMtl.Spec;
using FairMtl.Torch.Modules;
using static TorchSharp.torch;

namespace FairMtl.Torch.Objectives;

/// <summary>
/// A task's violation from its group harms as torch operations: the one-sided violation
/// max_g [h(g) - sg(h_ref) - delta]_+ (<see cref="OneSidedViolation"/>; the reference, the best present group's harm or
/// the population's, detached) or the symmetric gap max_g h(g) - min_g h(g) (<see cref="SymmetricGap"/>), over the
/// present groups, the worst and best groups the first of equal harms, 0 (a constant) with fewer than two present groups
/// or no violation.
/// </summary>
public static class TorchViolation
{
    /// <summary>v of <paramref name="harms"/> by <paramref name="task"/>'s violation kind and tolerance.</summary>
    public static Tensor Compute(ConstrainedTask task, HarmReference reference, TorchHarms harms)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(harms);
        var (worst, best, count) = Extremes(harms);
        if (count < 2)
        {
            return Zero();
        }

        var worstHarm = harms.Values[worst];
        if (task.Violation == ViolationKind.Symmetric)
        {
            return TorchScalars.Difference(worstHarm, harms.Values[best]);
        }

        var referenceHarm = reference switch
        {
            HarmReference.BestGroup => harms.Values[best],
            HarmReference.Population => harms.Values[harms.Groups],
            _ => throw new ArgumentOutOfRangeException(nameof(reference), reference, null),
        };
        var violation = TorchScalars.Difference(TorchScalars.Difference(worstHarm, referenceHarm.detach()), TorchScalars.Of(task.Tolerance));
        return violation.item<double>() > 0d ? violation : Zero();
    }

    /// <summary>0, a float64 constant.</summary>
    internal static Tensor Zero() => zeros([], ScalarType.Float64);

    /// <summary>The present groups with the largest and the smallest harm (the first on ties), and their number.</summary>
    private static (int Worst, int Best, int Count) Extremes(TorchHarms harms)
    {
        int worst = -1, best = -1, count = 0;
        for (var group = 0; group < harms.Groups; group++)
        {
            if (!harms.Present[group])
            {
                continue;
            }

            count++;
            var value = harms.Numbers[group];
            if (worst < 0 || value > harms.Numbers[worst])
            {
                worst = group;
            }

            if (best < 0 || value < harms.Numbers[best])
            {
                best = group;
            }
        }

        return (worst, best, count);
    }
}
