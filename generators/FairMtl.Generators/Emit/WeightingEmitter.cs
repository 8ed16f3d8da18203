using FairMtl.Objectives.Weighting;
using FairMtl.Spec;

namespace FairMtl.Generators.Emit;

/// <summary>
/// The loss weighting as C#: the static <c>Loss</c> (YAML form only: attribute classes declare it), one
/// <c>LossDerivative&lt;Head&gt;</c> per head, and the <c>GeneratedWeighting</c> that the compiled experiment trains
/// with. Every method prints the same expression trees the interpreted <see cref="CompiledWeighting"/> evaluates (the
/// parsed loss, and <see cref="WeightingExpression.Derivative"/> per head), so both give bit-identical results.
/// </summary>
internal static class WeightingEmitter
{
    private static readonly string[] InterfaceParameters = ["losses", "variables", "dLosses"];

    public static void Write(IndentedWriter writer, ExperimentSpec spec, bool emitLoss)
    {
        var expression = WeightingExpression.Parse(spec.Loss);
        var variables = spec.Sweep.Variables.Select(variable => variable.Name).ToArray();
        var heads = spec.Heads.Select(head => head.Name).ToArray();
        var parameters = string.Join(", ", variables.Concat(heads).Select(name => "double " + CSharpNames.Identifier(name)));
        var derivatives = heads.Select(expression.Derivative).ToArray();
        var methodNames = CSharpNames.Unique(heads.Select(head => "LossDerivative" + CSharpNames.PascalCase(head)), []);

        if (emitLoss)
        {
            writer.Line("/// <summary>The loss weighting: <c>" + Literals.XmlText(spec.Loss) + "</c>.</summary>");
            writer.Line($"public static double Loss({parameters}) => {expression.ToCSharp(CSharpNames.Identifier)};");
            writer.Line();
        }

        for (var i = 0; i < heads.Length; i++)
        {
            writer.Line("/// <summary>d Loss / d " + heads[i] + ".</summary>");
            writer.Line($"public static double {methodNames[i]}({parameters}) => {derivatives[i].ToCSharp(CSharpNames.Identifier)};");
            writer.Line();
        }

        var locals = Locals(variables.Concat(heads).ToArray());
        string Local(string name) => locals[name];

        writer.Open("private sealed class GeneratedWeighting : global::FairMtl.Objectives.Weighting.ILossWeighting");
        writer.Open("public double Evaluate(double[] losses, double[] variables)");
        WriteLocals(writer, variables, heads, locals);
        writer.Line($"return {expression.ToCSharp(Local)};");
        writer.Close();
        writer.Line();
        writer.Open("public void Gradient(double[] losses, double[] variables, double[] dLosses)");
        WriteLocals(writer, variables, heads, locals);
        for (var i = 0; i < heads.Length; i++)
        {
            writer.Line($"dLosses[{Literals.Int(i)}] = {derivatives[i].ToCSharp(Local)};");
        }

        writer.Close();
        writer.Close();
    }

    /// <summary>A local per sweep variable (<c>variables[j]</c>) and per head loss (<c>losses[i]</c>), named as
    /// <see cref="Locals"/> names them.</summary>
    internal static void WriteLocals(IndentedWriter writer, string[] variables, string[] heads, Dictionary<string, string> locals)
    {
        for (var j = 0; j < variables.Length; j++)
        {
            writer.Line($"var {locals[variables[j]]} = variables[{Literals.Int(j)}];");
        }

        for (var i = 0; i < heads.Length; i++)
        {
            writer.Line($"var {locals[heads[i]]} = losses[{Literals.Int(i)}];");
        }
    }

    /// <summary>Locals named like the spec, unless a name is one of the interface method's parameters.</summary>
    internal static Dictionary<string, string> Locals(string[] names)
    {
        var taken = new HashSet<string>(names.Concat(InterfaceParameters), StringComparer.Ordinal);
        var locals = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var local = name;
            if (Array.IndexOf(InterfaceParameters, name) >= 0)
            {
                while (!taken.Add(local))
                {
                    local += "_";
                }
            }

            locals.Add(name, CSharpNames.Identifier(local));
        }

        return locals;
    }
}
