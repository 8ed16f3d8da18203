using System.Collections.Concurrent;
using FairMtl.FairMt;
using FairMtl.Spec;
using Xunit.Abstractions;

namespace FairMtl.Torch.Tests;

/// <summary>
/// Every method of the FairMT experiments (adult-fairmt: binary, regression and multi-label heads, income labels of half
/// the women missing; lsac-fairmt: regression, binary and multi-class heads with real missing labels, two attributes
/// aggregated; adult-fairmt-mtaf: favourable-negative harms beside MTA-F and its fair multi-task baseline), on the real
/// first training rows and from the same weights on both engines: one step's gradients agree, and the weights after 51
/// steps. On the torch engine the FairMT objective's utility and constraint are torch operations differentiated by
/// torch (<see cref="Objectives.TorchConstrainedObjective"/>), so this checks the native constraint's hand-written
/// derivatives (group harms, violations, aggregations, the routing to heads or trunk, the min-norm passes) against
/// torch's autograd. A primal-dual method's first step has a zero multiplier, which leaves the constraint out of its
/// gradient: the primal-dual methods whose constraint gradient takes another way (to the trunk only, the min-norm
/// passes) run a second time as penalties, whose first step has it.
/// </summary>
public class FairMtCrossCheckTests(ITestOutputHelper output)
{
    /// <summary>Bound on a first step's gradients, relative to each tensor's largest (see
    /// <see cref="StepComparison.Gap"/>), as for the other objectives' cross-checks: float32 sums over 256 rows in another
    /// order.</summary>
    private const double GradientBound = 1e-5;

    /// <summary>Bound on the weights after 51 steps: 1e-3 of each tensor's largest weight, or ten times the native
    /// engine's own drift when the training amplifies rounding more than that: from one rounding step on every initial
    /// weight (as the other objectives' cross-checks), or from one rounding step on every gradient at every step
    /// (<see cref="StepComparison.GradientSensitivity"/>). The second is what the engines differ by, and what adult-fairmt's
    /// symmetric penalty amplifies under Adam: 2.2e-3 for the native engine against itself so nudged, and the same 2.2e-3
    /// between the engines (the torch engine also gave 2.2e-3 when it back-propagated the native objective's own output
    /// gradients; 7e-7 with SGD instead of Adam), while one rounding step on the initial weights moves it by 2.4e-6.</summary>
    private const double WeightBound = 1e-3;

    private const int Steps = 51;

    private static readonly string[] s_experiments = ["adult-fairmt", "lsac-fairmt", "adult-fairmt-mtaf"];

    private static readonly ConcurrentDictionary<string, FairMtKind> s_kinds = new();

    public static TheoryData<string, string, bool> Methods()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var experiment in s_experiments)
        {
            foreach (var method in Spec(experiment).Methods)
            {
                data.Add(experiment, method.Name, false);
                if (method.Kind == MethodKind.PrimalDual && (!method.HeadAware || method.MinNorm))
                {
                    data.Add(experiment, method.Name, true);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void One_step_gives_the_same_gradients_and_fifty_steps_nearly_the_same_weights(string experiment, string methodName, bool asPenalty)
    {
        var spec = Spec(experiment);
        var kind = s_kinds.GetOrAdd(experiment, name => FairMtKind.Load(RepositoryFiles.Comparison(name) with { Spec = spec }));
        var declared = spec.Methods.Single(m => m.Name == methodName);
        var method = asPenalty ? declared with { Kind = MethodKind.Penalty } : declared;
        var points = spec.SweepPoints(method);
        // Penalties and MTA-F at a middle lambda (3); primal-dual at epsilon 0, whose multiplier grows from the first step.
        var point = method.Kind == MethodKind.PrimalDual ? points[0] : points[Math.Max(0, points.Count - 2)];
        var unit = new FairMtUnit(method, point, 0);
        var batch = spec.Training.BatchSize;
        var part = StepComparison.Slice(kind.Model(unit).Repetition.Train, 4 * batch);
        Func<(Nn.MultiHeadNetwork, Func<FairMtl.Training.IBatchObjective>)> build = () =>
        {
            var (network, objective, _) = kind.Model(unit);
            return (network, () => objective);
        };

        var (gradients, weights, sensitivity) = StepComparison.Run(build, part, batch, Steps, spec.Training.Optimizer);
        var gradientSensitivity = StepComparison.GradientSensitivity(build, part, batch, Steps, spec.Training.Optimizer);

        var name = $"{experiment} {methodName}{(asPenalty ? " as a penalty" : "")} at {point}";
        output.WriteLine(
            $"{name}: first-step gradients {gradients}, weights after {Steps} steps {weights}; native against itself one rounding step apart: "
            + $"initial weights {sensitivity}, every step's gradients {gradientSensitivity}");
        gradients.Relative.ShouldBeLessThan(GradientBound, gradients.ToString());
        weights.Relative.ShouldBeLessThan(Math.Max(WeightBound, 10 * Math.Max(sensitivity.Relative, gradientSensitivity.Relative)), weights.ToString());
    }

    /// <summary>The experiment with one repetition and no dropout (each engine would draw its own masks).</summary>
    private static FairMtSpec Spec(string experiment)
    {
        var spec = (FairMtSpec)RepositoryFiles.Comparison(experiment).Spec;
        return spec with { Protocol = spec.Protocol with { Repetitions = 1 }, Model = spec.Model with { Dropout = 0 } };
    }
}
