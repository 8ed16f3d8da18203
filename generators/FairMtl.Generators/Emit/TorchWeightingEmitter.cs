using FairMtl.Objectives.Weighting;
using FairMtl.Spec;

namespace FairMtl.Generators.Emit;

/// <summary>
/// The loss weighting as torch operations: <c>ITorchLossWeighting.Combine</c>, the experiment's loss expression over
/// the heads' loss tensors (the tree <see cref="WeightingEmitter"/> prints, its arithmetic on tensors through
/// TorchSharp's operators), so that torch's autograd differentiates the weighting itself. Heads the expression does not
/// reference enter with weight 0, as they do on the engine's coefficient path, so that every weight gets a gradient.
/// </summary>
internal static class TorchWeightingEmitter
{
    private const string Tensor = "global::TorchSharp.torch.Tensor";

    /// <summary>The tensor expression <c>Combine</c> returns, over the locals <see cref="WeightingEmitter.Locals"/>
    /// names; null when <paramref name="loss"/> has no tensor form (the model then leaves the weighting to the
    /// engine's coefficients).</summary>
    public static string? TensorForm(ExperimentSpec spec, WeightingExpression loss)
    {
        var heads = spec.Heads.Select(head => head.Name).ToArray();
        var locals = Locals(spec);
        var expression = loss.ToTensorCSharp(name => locals[name], name => Array.IndexOf(heads, name) >= 0);
        if (expression is null)
        {
            return null;
        }

        // A head the loss does not name is added with a factor 0 (its weights get a zero gradient), through the engine's
        // sum (TorchSharp's + passes an implicit scalar: FairMtl.Torch.Modules.TorchScalars).
        foreach (var head in heads.Where(head => !loss.Names.Contains(head)))
        {
            expression = $"global::FairMtl.Torch.Modules.TorchScalars.Sum({expression}, global::FairMtl.Torch.Modules.TorchScalars.Of(0d) * {locals[head]})";
        }

        return expression;
    }

    /// <summary>Writes <c>Combine</c> returning <paramref name="tensorForm"/> (from <see cref="TensorForm"/>).</summary>
    public static void Write(IndentedWriter writer, ExperimentSpec spec, string tensorForm)
    {
        var variables = spec.Sweep.Variables.Select(variable => variable.Name).ToArray();
        var heads = spec.Heads.Select(head => head.Name).ToArray();
        writer.Line("/// <summary>The loss weighting <c>" + Literals.XmlText(spec.Loss) + "</c> over the heads' loss tensors: torch");
        writer.Line("/// differentiates it.</summary>");
        writer.Open(
            $"public {Tensor} Combine(global::System.Collections.Generic.IReadOnlyList<{Tensor}> losses, "
            + "global::System.Collections.Generic.IReadOnlyList<double> variables)");
        WeightingEmitter.WriteLocals(writer, variables, heads, Locals(spec));
        writer.Line($"return {tensorForm};");
        writer.Close();
    }

    private static Dictionary<string, string> Locals(ExperimentSpec spec) =>
        WeightingEmitter.Locals(spec.Sweep.Variables.Select(variable => variable.Name).Concat(spec.Heads.Select(head => head.Name)).ToArray());
}
