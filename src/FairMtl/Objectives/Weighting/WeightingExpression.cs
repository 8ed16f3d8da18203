using System;
using System.Collections.Generic;

namespace FairMtl.Objectives.Weighting;

/// <summary>
/// A loss weighting expression such as <c>alpha * y + (5 - alpha) * z</c>: arithmetic (<c>+ - * /</c>, unary minus,
/// parentheses) over numbers, loss names and sweep variables, with the functions <c>abs exp log max min sqrt</c>.
/// It can be printed, differentiated symbolically, emitted as C#, and compiled for allocation-free evaluation.
/// </summary>
public sealed class WeightingExpression
{
    private readonly List<string> _names = new();
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);

    /// <summary>Wraps an expression tree (for example one built by hand or by <see cref="Derivative"/>).</summary>
    public WeightingExpression(WeightingNode root)
    {
        Root = root ?? throw new ArgumentNullException(nameof(root));
        CollectNames(root);
    }

    /// <summary>The expression tree.</summary>
    public WeightingNode Root { get; }

    /// <summary>The identifiers the expression references, in order of first occurrence.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Parses expression text.</summary>
    /// <exception cref="WeightingSyntaxException">The text is not a valid expression; the exception gives the position.</exception>
    public static WeightingExpression Parse(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        return new WeightingExpression(WeightingParser.Parse(text));
    }

    /// <summary>
    /// Checks that every name is a loss or a sweep variable and that at least one loss is referenced.
    /// </summary>
    /// <exception cref="WeightingSyntaxException">An unknown name (at its first occurrence, with a suggestion), or no loss at all.</exception>
    /// <exception cref="ArgumentException">A name is both a loss and a variable, or listed twice.</exception>
    public void Validate(IReadOnlyList<string> lossNames, IReadOnlyList<string> variableNames)
    {
        CheckDistinct(lossNames, variableNames);
        var usesLoss = false;
        foreach (var name in _names)
        {
            if (IndexOf(lossNames, name) >= 0)
            {
                usesLoss = true;
            }
            else if (IndexOf(variableNames, name) < 0)
            {
                throw UnknownName(name, lossNames, variableNames);
            }
        }

        if (!usesLoss)
        {
            throw new WeightingSyntaxException(
                $"the loss expression references no loss; use at least one of: {Join(lossNames)}", 0);
        }
    }

    /// <summary>The simplified symbolic derivative with respect to <paramref name="name"/> (a loss or a variable).</summary>
    public WeightingExpression Derivative(string name)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        return new WeightingExpression(WeightingDerivative.Differentiate(WeightingAlgebra.Simplify(Root), name));
    }

    /// <summary>Minimal-parenthesis infix text; numbers use the invariant round-trip format.</summary>
    public override string ToString() => WeightingPrinter.Print(Root);

    /// <summary>
    /// A C# expression of type <c>double</c> computing this expression: <c>System.Math</c> calls and <c>d</c>-suffixed
    /// literals. <paramref name="nameMapper"/> turns each name into a C# primary expression (e.g. <c>losses[0]</c>).
    /// </summary>
    public string ToCSharp(Func<string, string> nameMapper) => WeightingPrinter.PrintCSharp(Root, nameMapper);

    /// <summary>
    /// A C# expression of type <c>TorchSharp.torch.Tensor</c> computing this expression when the names
    /// <paramref name="isTensor"/> accepts (the losses) are scalar tensors: the same tree, its arithmetic on tensors
    /// through TorchSharp's operators, so that torch's autograd differentiates the weighting itself. Null when the
    /// expression has no tensor form (a conditional over tensors, which only derivatives contain).
    /// </summary>
    public string? ToTensorCSharp(Func<string, string> nameMapper, Func<string, bool> isTensor) =>
        WeightingPrinter.PrintTensorCSharp(Root, nameMapper, isTensor);

    /// <summary>
    /// Validates the expression (see <see cref="Validate"/>) and compiles it and its derivatives with respect to every
    /// loss. Array positions in <see cref="CompiledWeighting"/> follow the order of the given lists.
    /// </summary>
    public CompiledWeighting Compile(IReadOnlyList<string> lossNames, IReadOnlyList<string> variableNames)
    {
        Validate(lossNames, variableNames);
        var losses = Index(lossNames);
        var variables = Index(variableNames);
        var gradient = new WeightingProgram[lossNames.Count];
        for (var i = 0; i < gradient.Length; i++)
        {
            gradient[i] = WeightingProgram.Emit(Derivative(lossNames[i]).Root, losses, variables);
        }

        return new CompiledWeighting(
            this,
            ToArray(lossNames),
            ToArray(variableNames),
            WeightingProgram.Emit(Root, losses, variables),
            gradient);
    }

    private void CollectNames(WeightingNode node)
    {
        switch (node)
        {
            case WeightingName name:
                if (!_positions.ContainsKey(name.Name))
                {
                    _positions.Add(name.Name, Math.Max(name.Position, 0));
                    _names.Add(name.Name);
                }

                break;
            case WeightingNegation negation:
                CollectNames(negation.Operand);
                break;
            case WeightingBinary binary:
                CollectNames(binary.Left);
                CollectNames(binary.Right);
                break;
            case WeightingCall call:
                foreach (var argument in call.Arguments)
                {
                    CollectNames(argument);
                }

                break;
            case WeightingConditional conditional:
                CollectNames(conditional.Left);
                CollectNames(conditional.Right);
                CollectNames(conditional.WhenTrue);
                CollectNames(conditional.WhenFalse);
                break;
        }
    }

    private WeightingSyntaxException UnknownName(string name, IReadOnlyList<string> lossNames, IReadOnlyList<string> variableNames)
    {
        var candidates = new List<string>(lossNames);
        candidates.AddRange(variableNames);
        var nearest = FairMtl.Diagnostics.NameSuggestions.Nearest(name, candidates);
        var suggestion = nearest is null ? "." : $"; did you mean '{nearest}'?";
        var variables = variableNames.Count == 0 ? "none" : Join(variableNames);
        return new WeightingSyntaxException(
            $"unknown name '{name}' in loss expression{suggestion} Loss names: {Join(lossNames)}; sweep variables: {variables}",
            _positions[name]);
    }

    private static void CheckDistinct(IReadOnlyList<string> lossNames, IReadOnlyList<string> variableNames)
    {
        if (lossNames is null)
        {
            throw new ArgumentNullException(nameof(lossNames));
        }

        if (variableNames is null)
        {
            throw new ArgumentNullException(nameof(variableNames));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in lossNames)
        {
            if (!seen.Add(name))
            {
                throw new ArgumentException($"'{name}' is listed twice", nameof(lossNames));
            }
        }

        foreach (var name in variableNames)
        {
            if (!seen.Add(name))
            {
                throw new ArgumentException($"'{name}' is both a loss and a variable, or listed twice", nameof(variableNames));
            }
        }
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static Dictionary<string, int> Index(IReadOnlyList<string> names)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            index.Add(names[i], i);
        }

        return index;
    }

    private static string[] ToArray(IReadOnlyList<string> names)
    {
        var array = new string[names.Count];
        for (var i = 0; i < array.Length; i++)
        {
            array[i] = names[i];
        }

        return array;
    }

    private static string Join(IReadOnlyList<string> names) => string.Join(", ", names);
}
