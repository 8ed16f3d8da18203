using FairMtl.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace FairMtl.Spec.Yaml;

/// <summary>
/// Reads <c>sweep</c>: every key but <c>seeds</c>, <c>split</c> and <c>conditional</c> is a variable, given as
/// <c>{from, to, count}</c> or as a list of numbers. Impossible ranges are FMTL006.
/// </summary>
internal static class SweepSectionReader
{
    private const string VariableExpected = "{from, to, count} or a list of numbers";

    /// <summary><c>sweep.split</c>: one split for every seed, or a split per seed.</summary>
    private static readonly (string Name, bool Value)[] SplitModes = [("fixed", false), ("per-seed", true)];

    public static (SweepSpec Sweep, IReadOnlyList<YamlScalarNode> VariableKeys) Read(YamlNodeReader? node)
    {
        int[] seeds = [42];
        var splitPerSeed = false;
        YamlNodeReader? conditionalNode = null;
        var variables = new List<SweepVariable>();
        var keys = new List<YamlScalarNode>();
        long points = 1;
        if (node is null)
        {
            return (new SweepSpec(variables.ToArray(), seeds), keys);
        }

        var sweep = node.AsOpenMapping("a mapping of sweep variables (and 'seeds', 'split')");
        foreach (var (key, value) in sweep.Entries)
        {
            var name = key.Value!;
            if (name == "seeds")
            {
                seeds = ReadSeeds(value);
                continue;
            }

            if (name == "split")
            {
                splitPerSeed = value.AsEnum(SplitModes);
                continue;
            }

            if (name == "conditional")
            {
                conditionalNode = value;
                continue;
            }

            if (!Identifiers.IsValid(name))
            {
                throw node.Context.Error(
                    DiagnosticCodes.UnknownReference, key, $"sweep variable name '{name}' must be {Identifiers.Rule}");
            }

            if (variables.Count == InputLimits.NamedEntries)
            {
                throw node.Context.Error(
                    DiagnosticCodes.InputLimit, key, $"'sweep' declares more than {InputLimits.NamedEntries} variables (expected at most {InputLimits.NamedEntries})");
            }

            var values = ReadValues(value, name);
            points *= values.Length;
            if (points > InputLimits.SweepPoints)
            {
                throw node.Context.Error(
                    DiagnosticCodes.InputLimit,
                    key,
                    $"sweep variable '{name}' takes the sweep to {points} points per seed "
                    + $"({string.Join(" x ", variables.Select(v => v.Values.Count).Append(values.Length))} values; expected at most {InputLimits.SweepPoints})");
            }

            variables.Add(new SweepVariable(name, values));
            keys.Add(key);
        }

        var conditional = conditionalNode is null ? null : ReadConditional(conditionalNode, variables);
        return (new SweepSpec(variables.ToArray(), seeds, splitPerSeed, conditional), keys);
    }

    /// <summary>The keys of a <c>conditional</c> mapping.</summary>
    internal static readonly string[] ConditionalKeys = ["sampling", "distribution", "film", "epochs", "grid"];

    /// <summary>
    /// <c>sweep.conditional</c> (or <c>front.conditional</c>, <paramref name="pathPrefix"/>): <c>{sampling, distribution,
    /// film, epochs, grid}</c>, all optional (<paramref name="defaultSampling"/>, uniform, FiLM on, <c>training.epochs</c>,
    /// <paramref name="defaultGrid"/> grid values); <see cref="ConditionalSpec.Epochs"/> is 0 until the reader of the
    /// whole file resolves it. With <paramref name="randomGrid"/> the grid is that many random settings (a multi-task
    /// comparison's), not that many values per variable.
    /// </summary>
    internal static ConditionalSpec ReadConditional(
        YamlNodeReader node,
        IReadOnlyList<SweepVariable> variables,
        int defaultGrid = ConditionalSpec.DefaultGrid,
        string pathPrefix = "sweep",
        ConditionalSampling defaultSampling = ConditionalSampling.PerRow,
        bool randomGrid = false)
    {
        var mapping = node.AsMapping("a mapping of sampling, distribution, film, epochs and grid", ConditionalKeys);
        if (variables.Count == 0)
        {
            throw node.Error(DiagnosticCodes.ImpossibleRange, "'sweep.conditional' needs at least one sweep variable to condition the model on");
        }

        var sampling = mapping.Enum("sampling", defaultSampling, YamlEnumValues.ConditionalSamplings);
        var distribution = mapping.Enum("distribution", ConditionalDistribution.Uniform, YamlEnumValues.ConditionalDistributions);
        if (distribution == ConditionalDistribution.LogUniform && variables.FirstOrDefault(variable => variable.Values.Min() <= 0) is { } nonPositive)
        {
            throw mapping.Require("distribution").Error(
                DiagnosticCodes.ImpossibleRange,
                $"'{pathPrefix}.conditional.distribution' is log-uniform, but {(pathPrefix == "sweep" ? "sweep variable" : "front variable")} '{nonPositive.Name}' has the value "
                + $"{Format(nonPositive.Values.Min())}; a log-uniform range needs positive values (use 'uniform' or raise the smallest value)");
        }

        var film = mapping.Bool("film", true);
        var epochs = mapping.Get("epochs") is { } epochsNode ? epochsNode.AsInt("an integer > 0", e => e > 0) : 0;
        var grid = defaultGrid;
        if (mapping.Get("grid") is { } gridNode)
        {
            grid = gridNode.AsInt($"0 (no grid) or an integer from 2 to {InputLimits.SweepValues}", g => g == 0 || g is >= 2 and <= InputLimits.SweepValues);
            long gridPoints = 1;
            for (var v = 0; v < variables.Count && !randomGrid; v++)
            {
                gridPoints *= grid;
                if (gridPoints > InputLimits.SweepPoints)
                {
                    throw gridNode.Error(
                        DiagnosticCodes.InputLimit,
                        $"'{pathPrefix}.conditional.grid' of {grid} values per variable over {variables.Count} variables is more than "
                        + $"{InputLimits.SweepPoints} grid points (expected at most {InputLimits.SweepPoints})");
                }
            }
        }
        else if (Math.Pow(grid, variables.Count) > InputLimits.SweepPoints)
        {
            grid = (int)Math.Floor(Math.Pow(InputLimits.SweepPoints, 1.0 / variables.Count));
        }

        return new ConditionalSpec(sampling, distribution, film, epochs, grid);
    }

    /// <summary>A list of numbers, or <c>{from, to, count}</c> evenly spaced values (see <see cref="ReadGrid"/>).</summary>
    internal static double[] ReadValues(YamlNodeReader node, string name)
    {
        switch (node.Node)
        {
            case YamlMappingNode:
                return ReadGrid(node.AsMapping(VariableExpected, "from", "to", "count"));

            case YamlSequenceNode:
                var items = node.AsList(VariableExpected);
                if (items.Count == 0)
                {
                    throw node.Error(DiagnosticCodes.ImpossibleRange, $"'{node.Path}' must list at least one value");
                }

                if (items.Count > InputLimits.SweepValues)
                {
                    throw items[InputLimits.SweepValues].Error(
                        DiagnosticCodes.InputLimit, $"'{node.Path}' lists more than {InputLimits.SweepValues} values (expected at most {InputLimits.SweepValues})");
                }

                return items.Select(item => item.AsNumber("a finite number", _ => true, DiagnosticCodes.ImpossibleRange)).ToArray();

            default:
                var hint = NameSuggestions.Nearest(name, ["seeds"]) is not null ? "; did you mean 'seeds'?" : string.Empty;
                throw node.Error(DiagnosticCodes.InvalidValue, $"'{node.Path}' must be {VariableExpected}, got {node.Describe()}{hint}");
        }
    }

    /// <summary><c>count</c> evenly spaced values from <c>from</c> to <c>to</c> inclusive (<see cref="EvenlySpaced"/>).</summary>
    private static double[] ReadGrid(YamlMappingReader grid)
    {
        var fromNode = grid.Require("from");
        var toNode = grid.Require("to");
        var countNode = grid.Require("count");
        var from = fromNode.AsNumber("a finite number", _ => true, DiagnosticCodes.ImpossibleRange);
        var to = toNode.AsNumber("a finite number", _ => true, DiagnosticCodes.ImpossibleRange);
        var count = countNode.AsCount(InputLimits.SweepValues);
        if (to < from)
        {
            throw toNode.Error(DiagnosticCodes.ImpossibleRange, $"'{grid.Path}' goes down: 'to' ({Format(to)}) is less than 'from' ({Format(from)})");
        }

        if (count == 1)
        {
            return from == to
                ? [from]
                : throw countNode.Error(
                    DiagnosticCodes.ImpossibleRange,
                    $"'{grid.Path}' has count 1 but 'from' ({Format(from)}) differs from 'to' ({Format(to)}); one value cannot span a range");
        }

        return EvenlySpaced.Values(from, to, count);
    }

    private static int[] ReadSeeds(YamlNodeReader node)
    {
        if (node.Node is YamlScalarNode)
        {
            return Enumerable.Range(0, node.AsCount(InputLimits.Seeds, "a list of integers >= 0, or a count")).ToArray();
        }

        var items = node.AsList("a list of integers >= 0, or a count n meaning 0 .. n-1");
        if (items.Count == 0)
        {
            throw node.Error(DiagnosticCodes.ImpossibleRange, "'sweep.seeds' must list at least one seed");
        }

        if (items.Count > InputLimits.Seeds)
        {
            throw items[InputLimits.Seeds].Error(
                DiagnosticCodes.InputLimit, $"'sweep.seeds' lists more than {InputLimits.Seeds} seeds (expected at most {InputLimits.Seeds})");
        }

        var seeds = new int[items.Count];
        var seen = new HashSet<int>();
        for (var i = 0; i < items.Count; i++)
        {
            seeds[i] = items[i].AsInt("an integer >= 0", s => s >= 0);
            if (!seen.Add(seeds[i]))
            {
                throw items[i].Error(DiagnosticCodes.ImpossibleRange, $"duplicate seed {seeds[i]} in 'sweep.seeds'");
            }
        }

        return seeds;
    }

    private static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
