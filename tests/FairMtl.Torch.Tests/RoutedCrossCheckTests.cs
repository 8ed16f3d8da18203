using FairMtl.Comparisons;
using FairMtl.MultiTask;
using FairMtl.Nn;
using FairMtl.Numerics;
using FairMtl.Objectives.Routing;
using FairMtl.Spec;
using FairMtl.Spec.Yaml;
using FairMtl.Training;
using Xunit.Abstractions;

namespace FairMtl.Torch.Tests;

/// <summary>
/// Every method of the auxiliary-task comparison (adult-sex-race: single-task, the regularisers, adversarial
/// debiasing, group-specific decomposition, GLF and GLD heads) and of the MTA-F comparison (adult-mtaf: MTL, the fair
/// multi-task baselines and MTA-F with each fairness loss), on its real first training rows and from the same weights
/// on both engines: one step's gradients agree, and the weights after 51 steps. On the torch engine these methods'
/// task and fairness losses are torch operations (TorchRoutedObjective) differentiated by torch's autograd and routed
/// to heads and trunk (head-only, trunk-only, MTA-F's head and shared parts, the adversary's reversal), so this checks
/// the native fairness losses' hand-written derivatives, the routing and every layer's backward pass.
/// </summary>
public class RoutedCrossCheckTests(ITestOutputHelper output)
{
    /// <summary>Bound on a first step's gradients, relative to each tensor's largest (see <see cref="StepComparison.Gap"/>):
    /// float32 sums over 256 rows and about 100 inputs in another order differ by about 1e-6 of it (measured: at most
    /// 1.4e-6 over these 16 methods).</summary>
    private const double GradientBound = 1e-5;

    /// <summary>Bound on the weights after 51 steps: 1e-3 of each tensor's largest weight (measured: at most 8e-6), or
    /// ten times the native engine's own drift from one rounding step on every initial weight when the training
    /// amplifies rounding more than that (GLD at its learning rate: 2e-2 for both the native engine against itself and
    /// the two engines).</summary>
    private const double WeightBound = 1e-3;

    private const int Steps = 51;

    public static TheoryData<string, string> Methods()
    {
        var data = new TheoryData<string, string>();
        foreach (var experiment in new[] { "adult-sex-race", "adult-mtaf" })
        {
            foreach (var method in Load(experiment).Spec.Methods)
            {
                data.Add(experiment, method.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void One_step_gives_the_same_gradients_and_fifty_steps_nearly_the_same_weights(string experiment, string methodName)
    {
        var loaded = Load(experiment);
        // Dropout masks come from each engine's own generator; without dropout the two engines see the same network.
        var spec = loaded.Spec with
        {
            Protocol = loaded.Spec.Protocol with { Repetitions = 1 },
            Model = loaded.Spec.Model with { Dropout = 0 },
        };
        var data = LoadedRepetitions.Load(loaded with { Spec = spec });
        var repetition = data.Repetitions[0];
        var method = spec.Methods.Single(m => m.Name == methodName);
        var setting = spec is MultiTaskSpec multiTask ? MultiTaskSweep.Settings(multiTask.Sweep, spec.Tasks.Count)[1] : null;
        var plan = MethodNetwork.For(method, spec, data.Data.Attributes, setting);
        var batch = spec.Training.BatchSize;
        var part = StepComparison.Slice(plan.WithTargets(repetition.Train), 4 * batch);

        var (gradients, weights, sensitivity) = StepComparison.Run(
            () =>
            {
                var network = MultiHeadNetwork.For(data.Data.Table.FeatureColumns, spec.Data.Embeddings, spec.Model, plan.Heads, batch);
                network.Initialize(spec.Model.Init, DeterministicRandom.ForStream(repetition.Seed, "init"));
                return (network, () => (IBatchObjective)new RoutedObjective(plan.Routes, network));
            },
            part,
            batch,
            Steps,
            spec.Training.Optimizer);

        output.WriteLine($"{experiment} {methodName}: first-step gradients {gradients}, native against itself one rounding step apart {sensitivity}, weights after {Steps} steps {weights}");
        gradients.Relative.ShouldBeLessThan(GradientBound, gradients.ToString());
        weights.Relative.ShouldBeLessThan(Math.Max(WeightBound, 10 * sensitivity.Relative), weights.ToString());
    }

    private static LoadedComparison Load(string experiment)
    {
        return RepositoryFiles.Comparison(experiment);
    }
}
