using System.Reflection;
using FairMtl.Compiled;
using FairMtl.Objectives.Weighting;

namespace FairMtl.Generators.Tests;

public sealed class WeightingTests
{
    private const string Loss =
        "alpha * y + (5 - alpha) * z + beta * max(y, z) - min(u, 2 * y) / (1 + beta) + sqrt(abs(z - u)) * exp(-alpha) + log(1 + y * y) - -u / 3";

    private static readonly string Yaml = Experiments.Small
        .Replace("loss: alpha * y + (5 - alpha) * z", "loss: " + Loss, StringComparison.Ordinal)
        .Replace("  z: { column: sex, task: binary }", "  z: { column: sex, task: binary }\n  u: { column: age, task: regression }", StringComparison.Ordinal)
        .Replace("  seeds: [1]", "  beta: [0.5, 2.0]\n  seeds: [1]", StringComparison.Ordinal);

    [Fact]
    public void The_generated_weighting_is_bit_identical_to_the_interpreted_one()
    {
        var type = CompileSmall();
        var generated = ((CompiledExperiment)type.GetProperty("Compiled")!.GetValue(null)!).Weighting;
        var interpreted = WeightingExpression.Parse(Loss).Compile(["y", "z", "u"], ["alpha", "beta"]);

        var random = new Random(7);
        for (var sample = 0; sample < 2000; sample++)
        {
            double[] losses = [Next(random), Next(random), Next(random)];
            if (sample % 5 == 0)
            {
                losses[1] = losses[0];
            }

            double[] variables = [Next(random), Next(random)];
            Bits(generated.Evaluate(losses, variables)).ShouldBe(Bits(interpreted.Evaluate(losses, variables)));
            var expected = new double[3];
            var actual = new double[3];
            interpreted.Gradient(losses, variables, expected);
            generated.Gradient(losses, variables, actual);
            actual.Select(Bits).ShouldBe(expected.Select(Bits));
        }
    }

    [Fact]
    public void Loss_and_its_derivatives_are_static_methods_over_variables_then_heads_that_agree_with_the_weighting()
    {
        var type = CompileSmall();
        var weighting = ((CompiledExperiment)type.GetProperty("Compiled")!.GetValue(null)!).Weighting;
        var loss = type.GetMethod("Loss", BindingFlags.Public | BindingFlags.Static)!;
        string[] heads = ["Y", "Z", "U"];
        var derivatives = heads.Select(head => type.GetMethod("LossDerivative" + head, BindingFlags.Public | BindingFlags.Static)!).ToArray();

        loss.GetParameters().Select(p => p.Name).ShouldBe(["alpha", "beta", "y", "z", "u"]);
        derivatives.ShouldAllBe(method => method.GetParameters().Select(p => p.Name).SequenceEqual(new[] { "alpha", "beta", "y", "z", "u" }));
        var random = new Random(11);
        for (var sample = 0; sample < 200; sample++)
        {
            double[] losses = [Next(random), Next(random), Next(random)];
            double[] variables = [Next(random), Next(random)];
            object[] arguments = [variables[0], variables[1], losses[0], losses[1], losses[2]];
            var gradient = new double[3];
            weighting.Gradient(losses, variables, gradient);

            Bits((double)loss.Invoke(null, arguments)!).ShouldBe(Bits(weighting.Evaluate(losses, variables)));
            derivatives.Select(method => Bits((double)method.Invoke(null, arguments)!)).ShouldBe(gradient.Select(Bits));
        }
    }

    [Fact]
    public void Spec_names_that_are_keywords_or_interface_parameters_still_compile()
    {
        var yaml = Experiments.Small
            .Replace("loss: alpha * y + (5 - alpha) * z", "loss: losses * y + dLosses * double", StringComparison.Ordinal)
            .Replace("  alpha: { from: 0.0, to: 4.0, count: 2 }", "  losses: [1.0]\n  dLosses: [2.0]", StringComparison.Ordinal)
            .Replace("  z: { column: sex, task: binary }", "  double: { column: sex, task: binary }", StringComparison.Ordinal);
        var run = GeneratorHarness.Run([GeneratorHarness.Text("experiments/small.yaml", yaml), GeneratorHarness.RepoFile(Experiments.ParkinsonData)]);

        run.DiagnosticLines.ShouldBeEmpty();
        run.OutputProblems.Select(d => d.ToString()).ShouldBeEmpty();
        var type = GeneratorHarness.Load(run.Output).GetType("FairMtl.Generated.Experiments.Small")!;
        var weighting = ((CompiledExperiment)type.GetProperty("Compiled")!.GetValue(null)!).Weighting;
        weighting.Evaluate([3d, 5d], [1d, 2d]).ShouldBe(1d * 3d + 2d * 5d);
        type.GetMethod("LossDerivativeDouble")!.GetParameters().Select(p => p.Name).ShouldBe(["losses", "dLosses", "y", "double"]);
    }

    private static Type CompileSmall()
    {
        var run = GeneratorHarness.Run([GeneratorHarness.Text("experiments/small.yaml", Yaml), GeneratorHarness.RepoFile(Experiments.ParkinsonData)]);
        run.DiagnosticLines.ShouldBeEmpty();
        run.OutputProblems.Select(d => d.ToString()).ShouldBeEmpty();
        return GeneratorHarness.Load(run.Output).GetType("FairMtl.Generated.Experiments.Small")!;
    }

    private static double Next(Random random) => Math.Round(random.NextDouble() * 4d + 0.01d, random.Next(0, 3) == 0 ? 1 : 15);

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
