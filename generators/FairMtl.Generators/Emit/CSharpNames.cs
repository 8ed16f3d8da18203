using System.Text;
using FairMtl.Generators.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace FairMtl.Generators.Emit;

/// <summary>C# names for experiments, heads, sweep variables and generated files.</summary>
internal static class CSharpNames
{
    // A YAML experiment's class cannot share a name with one of its members (CS0542).
    private static readonly string[] MemberNames =
    [
        "Name", "SourceFile", "SourceHash", "Spec", "Compiled", "Loss", "Run", "FromResult", "SweepRow", "BaselineRow", "ParetoRow",
        "Results", "GeneratedWeighting",
    ];

    /// <summary>The class of a YAML experiment: <c>boston-attr</c> -> <c>BostonAttr</c>.</summary>
    public static string TypeName(string experimentName)
    {
        var name = PascalCase(experimentName);
        if (name.Length == 0 || char.IsDigit(name[0]))
        {
            name = "_" + name;
        }

        return Array.IndexOf(MemberNames, name) >= 0 || name.StartsWith("LossDerivative", StringComparison.Ordinal)
            ? name + "Experiment"
            : name;
    }

    /// <summary><c>z_score</c> -> <c>ZScore</c>: each part between '-' and '_' starts upper case.</summary>
    public static string PascalCase(string name)
    {
        var builder = new StringBuilder(name.Length);
        var upper = true;
        foreach (var c in name)
        {
            if (c == '-' || c == '_')
            {
                upper = true;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return builder.ToString();
    }

    /// <summary>A spec name as a C# identifier (keywords get '@').</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>The names of the containing types, outermost first, from their declarations (<c>public partial class Outer</c>).</summary>
    public static IEnumerable<string> ContainingTypeNames(TargetType type) =>
        type.ContainingTypes.Select(declaration =>
        {
            var generic = declaration.IndexOf('<');
            var head = (generic >= 0 ? declaration.Substring(0, generic) : declaration).TrimEnd();
            return head.Substring(head.LastIndexOf(' ') + 1);
        });

    /// <summary><c>global::Namespace.Outer.Type</c>.</summary>
    public static string FullTypeName(ExperimentModel experiment)
    {
        var type = experiment.Type;
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(type.Namespace))
        {
            parts.Add(type.Namespace!);
        }

        parts.AddRange(ContainingTypeNames(type));
        parts.Add(type.Name);
        return "global::" + string.Join(".", parts);
    }

    /// <summary>The generated torch module of an experiment: <c>ParkinsonTorch</c> -> <c>ParkinsonTorchTorchModel</c>, next
    /// to the experiment's class (same namespace and containing types).</summary>
    public static string TorchModelName(ExperimentModel experiment) => experiment.Type.Name + "TorchModel";

    /// <summary><c>global::Namespace.Outer.{TorchModelName}</c>.</summary>
    public static string FullTorchModelName(ExperimentModel experiment)
    {
        var full = FullTypeName(experiment);
        return full.Substring(0, full.Length - experiment.Type.Name.Length) + TorchModelName(experiment);
    }

    /// <summary><c>{Namespace}.{Type}.Torch.g.cs</c>: the experiment's generated torch module.</summary>
    public static string TorchHintName(ExperimentModel experiment)
    {
        var name = HintName(experiment);
        return name.Substring(0, name.Length - ".g.cs".Length) + ".Torch.g.cs";
    }

    /// <summary>A spec name (a head, a data column, a comparison's method) as part of a member name:
    /// <see cref="PascalCase"/> with '.' as a word break too, without the characters an identifier cannot hold
    /// (<c>subject#</c> -> <c>Subject</c>, <c>fairness.sex.income</c> -> <c>FairnessSexIncome</c>).</summary>
    public static string Member(string name) =>
        new(PascalCase(name.Replace('.', '_')).Where(c => char.IsLetterOrDigit(c) || c == '_').ToArray());

    /// <summary><c>{Namespace}.{Type}.g.cs</c> (containing types included, characters a file name cannot hold replaced).</summary>
    public static string HintName(ExperimentModel experiment)
    {
        var name = FullTypeName(experiment).Substring("global::".Length);
        var builder = new StringBuilder(name.Length + 5);
        foreach (var c in name)
        {
            builder.Append(char.IsLetterOrDigit(c) || c == '.' || c == '_' ? c : '_');
        }

        return builder.Append(".g.cs").ToString();
    }

    /// <summary>
    /// The wanted names, each made unique against <paramref name="taken"/> and the names before it by a numeric suffix
    /// (spec names that differ only in '_' or case of the first letter would otherwise collide).
    /// </summary>
    public static string[] Unique(IEnumerable<string> wanted, IEnumerable<string> taken)
    {
        var used = new HashSet<string>(taken, StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var name in wanted)
        {
            var unique = name;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = name + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            result.Add(unique);
        }

        return result.ToArray();
    }
}
