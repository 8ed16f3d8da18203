using System.Globalization;
using FairMtl.Data;
using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Comparisons;

/// <summary>
/// A comparison experiment's data, read and encoded once: input features (one-hot categories, raw numbers), each
/// task's 0/1 labels and each sensitive attribute's groups. <see cref="Split"/> makes a repetition's parts.
/// </summary>
public sealed class ComparisonData
{
    private readonly LoadedComparison _experiment;

    private ComparisonData(
        LoadedComparison experiment,
        EncodedTable table,
        IReadOnlyList<TaskLabels> labels,
        IReadOnlyList<SensitiveGroups> attributes)
    {
        _experiment = experiment;
        Table = table;
        Labels = labels;
        Attributes = attributes;
    }

    /// <summary>The encoded rows.</summary>
    public EncodedTable Table { get; }

    /// <summary>Per task (spec order), the labels of every row (binary tasks: 0/1; the FairMT kind's tasks may be of
    /// any type, and NaN marks a missing label).</summary>
    public IReadOnlyList<TaskLabels> Labels { get; }

    /// <summary>Per sensitive attribute (spec order), its groups.</summary>
    public IReadOnlyList<SensitiveGroups> Attributes { get; }

    private ComparisonSpec Spec => _experiment.Spec;

    /// <summary>Reads and encodes the data of <paramref name="experiment"/>.</summary>
    /// <exception cref="FairMtlException">The data does not fit the spec (unknown column or category, a task column
    /// that is not 0/1, an attribute with a single group).</exception>
    public static ComparisonData Load(LoadedComparison experiment)
    {
        var spec = experiment.Spec;
        if (spec is FairMtSpec)
        {
            return LoadHeterogeneous(experiment);
        }

        var text = spec.Tasks.Where(t => t.Positive.Count > 0).Select(t => t.Column)
            .Concat(spec.Sensitive.Where(a => a.Groups.Rule.ReadsText()).Select(a => a.Column))
            .Distinct().ToArray();
        var numeric = spec.Tasks.Where(t => t.Positive.Count == 0).Select(t => t.Column)
            .Concat(spec.Sensitive.Where(a => !a.Groups.Rule.ReadsText()).Select(a => a.Column))
            .Distinct().ToArray();
        var never = spec.Tasks.Select(t => t.Column).Concat(spec.Sensitive.Select(a => a.Column)).Distinct().ToArray();
        var table = TableEncoding.Load(
            spec.Data, experiment.Source, experiment.BaseDirectory, text, numeric, never, ColumnReferences.Of(spec).ToArray());
        var labels = spec.Tasks.Select((task, i) => new TaskLabels(ReadLabels(experiment, table, task, $"tasks.{task.Name}"), 1, [])).ToArray();
        var attributes = spec.Sensitive.Select(attribute => ReadGroups(experiment, table, attribute)).ToArray();
        return new ComparisonData(experiment, table, labels, attributes);
    }

    /// <summary>The FairMT kind's data: every task's columns read so that a missing label keeps the row.</summary>
    private static ComparisonData LoadHeterogeneous(LoadedComparison experiment)
    {
        var spec = (FairMtSpec)experiment.Spec;
        var labelColumns = spec.Tasks.SelectMany(t => t.LabelColumns()).Distinct().ToArray();
        var text = spec.Sensitive.Where(a => a.Groups.Rule.ReadsText()).Select(a => a.Column).Distinct().ToArray();
        var numeric = spec.Sensitive.Where(a => !a.Groups.Rule.ReadsText()).Select(a => a.Column).Distinct().ToArray();
        var never = labelColumns.Concat(spec.Sensitive.Select(a => a.Column)).Distinct().ToArray();
        var table = TableEncoding.Load(
            spec.Data, experiment.Source, experiment.BaseDirectory, text, numeric, never, ColumnReferences.Of(spec).ToArray(), labelColumns);
        var labels = spec.Tasks.Select(task => TaskLabels.Read(table.Parsed, experiment.Source, task)).ToArray();
        var attributes = spec.Sensitive.Select(attribute => ReadGroups(experiment, table, attribute)).ToArray();
        var constrained = attributes.First(a => a.Name == spec.Constraint.Attributes[0]);
        foreach (var task in spec.Tasks)
        {
            if (task.Missing is { Mechanism: MissingMechanism.ByGroup } missing && !constrained.Names.Contains(missing.Group))
            {
                throw new FairMtlException(
                    DiagnosticCodes.UnknownReference,
                    experiment.Source.Locate($"tasks.{task.Name}.missing.group"),
                    $"unknown group '{missing.Group}' of sensitive attribute '{constrained.Name}'{NameSuggestions.DidYouMean(missing.Group, constrained.Names)} "
                    + $"(its groups: {string.Join(", ", constrained.Names)})");
            }
        }

        return new ComparisonData(experiment, table, labels, attributes);
    }

    /// <summary>
    /// Repetition <paramref name="repetition"/>: rows split as scikit-learn's <c>train_test_split</c> with seed
    /// <c>protocol.seed + repetition</c> (test rows first, then validation rows from the rest), numeric inputs standardised
    /// with the training rows' mean and population sd (one-hot inputs stay 0/1).
    /// </summary>
    /// <exception cref="FairMtlException">A part lacks a class of a task, or the test rows hold a single group.</exception>
    public RepetitionData Split(int repetition)
    {
        var protocol = Spec.Protocol;
        var fractions = Spec.Data.Split;
        var seed = protocol.Seed + repetition;
        int[] rest, test, train, validation;
        if (protocol.Split == SplitKind.Files)
        {
            rest = Enumerable.Range(0, Table.Rows).Where(r => Table.RowFiles[r] == 0).ToArray();
            test = Enumerable.Range(0, Table.Rows).Where(r => Table.RowFiles[r] > 0).ToArray();
            if (test.Length == 0)
            {
                throw new FairMtlException(
                    DiagnosticCodes.InvalidValue,
                    _experiment.Source.Locate("protocol.split"),
                    "'split: files' takes the test rows from the files under data.append, but there are none (expected data.append with the test file)");
            }

            (train, validation) = NumpySplit.TrainTestSplit(rest, fractions.Validation, (uint)seed);
        }
        else
        {
            var all = Enumerable.Range(0, Table.Rows).ToArray();
            (rest, test) = NumpySplit.TrainTestSplit(all, fractions.Test, (uint)seed);
            (train, validation) = NumpySplit.TrainTestSplit(rest, fractions.Validation, (uint)seed);
        }

        CheckParts(repetition, seed, train, validation, test);

        var width = Table.FeatureNames.Count;
        var scalings = new HeadScaling[width];
        var column = new double[Table.Rows];
        for (var f = 0; f < width; f++)
        {
            if (Table.IsIndicator[f] || !Spec.Data.Standardize)
            {
                scalings[f] = HeadScaling.Identity;
                continue;
            }

            for (var r = 0; r < Table.Rows; r++)
            {
                column[r] = Table.Features[(r * width) + f];
            }

            scalings[f] = StandardScaling.Fit(column, fractions.Statistics == StatisticsRows.Training ? train : rest);
        }

        var targetScalings = TargetScalings(train);
        var parts = (Part(train, scalings, targetScalings), Part(validation, scalings, targetScalings), Part(test, scalings, targetScalings));
        InjectMissingLabels(seed, parts.Item1, parts.Item2);
        return new RepetitionData(repetition, seed, parts.Item1, parts.Item2, parts.Item3);
    }

    /// <summary>Per task, how its labels are scaled: the FairMT kind's standardised regression tasks by the mean and sd
    /// of their labelled training rows; every other task unchanged.</summary>
    private HeadScaling[] TargetScalings(int[] train)
    {
        var scalings = new HeadScaling[Spec.Tasks.Count];
        for (var t = 0; t < scalings.Length; t++)
        {
            var task = Spec.Tasks[t];
            if (task is not { Type: HeadTask.Regression, Standardize: true })
            {
                scalings[t] = HeadScaling.Identity;
                continue;
            }

            var values = Labels[t].Values;
            var labelled = train.Where(r => !float.IsNaN(values[r])).ToArray();
            scalings[t] = StandardScaling.Fit(values.Select(v => (double)v).ToArray(), labelled);
        }

        return scalings;
    }

    /// <summary>Removes the labels a task's <c>missing</c> declares from the training and validation rows, drawn from the
    /// repetition's stream <c>missing.&lt;task&gt;</c> (one draw per eligible labelled row, in row order).</summary>
    private void InjectMissingLabels(int seed, DataPart train, DataPart validation)
    {
        for (var t = 0; t < Spec.Tasks.Count; t++)
        {
            if (Spec.Tasks[t].Missing is not { } missing)
            {
                continue;
            }

            var task = Spec.Tasks[t];
            var width = Labels[t].Width;
            var random = Numerics.DeterministicRandom.ForStream(seed, "missing." + task.Name);
            var attribute = Attributes.First(a => a.Name == ((FairMtSpec)Spec).Constraint.Attributes[0]);
            var group = missing.Mechanism == MissingMechanism.ByGroup ? attribute.Names.ToList().IndexOf(missing.Group) : -1;
            foreach (var part in new[] { train, validation })
            {
                var targets = part.Targets[task.Name];
                var groups = part.Groups![attribute.Name];
                for (var r = 0; r < part.Rows; r++)
                {
                    if ((group >= 0 && groups[r] != group) || !TaskLabels.IsLabelled(targets, width, r))
                    {
                        continue;
                    }

                    if (random.NextDouble() < missing.Rate)
                    {
                        targets.AsSpan(r * width, width).Fill(float.NaN);
                    }
                }
            }
        }
    }

    private DataPart Part(int[] rows, HeadScaling[] scalings, HeadScaling[] targetScalings)
    {
        var width = scalings.Length;
        var x = new float[rows.Length * width];
        for (var i = 0; i < rows.Length; i++)
        {
            var source = rows[i] * width;
            for (var f = 0; f < width; f++)
            {
                x[(i * width) + f] = (float)((Table.Features[source + f] - scalings[f].Mean) / scalings[f].Scale);
            }
        }

        var targets = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var t = 0; t < Spec.Tasks.Count; t++)
        {
            var (labels, labelWidth) = (Labels[t].Values, Labels[t].Width);
            var scaling = targetScalings[t];
            var part = new float[rows.Length * labelWidth];
            for (var i = 0; i < rows.Length; i++)
            {
                for (var k = 0; k < labelWidth; k++)
                {
                    var label = labels[(rows[i] * labelWidth) + k];
                    part[(i * labelWidth) + k] = scaling == HeadScaling.Identity ? label : (float)((label - scaling.Mean) / scaling.Scale);
                }
            }

            targets[Spec.Tasks[t].Name] = part;
        }

        var groups = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var attribute in Attributes)
        {
            groups[attribute.Name] = rows.Select(r => attribute.Groups[r]).ToArray();
        }

        return new DataPart(rows.Length, width, x, targets, rows, groups);
    }

    private void CheckParts(int repetition, int seed, int[] train, int[] validation, int[] test)
    {
        foreach (var (name, rows) in new[] { ("training", train), ("validation", validation), ("test", test) })
        {
            if (rows.Length == 0 && name == "validation" && Spec.Data.Split.Validation == 0d)
            {
                continue; // declared empty (last-epoch evaluation only)
            }

            for (var t = 0; t < Spec.Tasks.Count; t++)
            {
                if (Spec.Tasks[t].Type != HeadTask.Binary)
                {
                    continue;
                }

                var labels = Labels[t].Values;
                var positives = rows.Count(r => labels[r] == 1f);
                if (positives == 0 || positives == rows.Count(r => !float.IsNaN(labels[r])))
                {
                    var task = Spec.Tasks[t];
                    throw new FairMtlException(
                        DiagnosticCodes.Groups,
                        _experiment.Source.Locate($"tasks.{task.Name}"),
                        $"repetition {repetition} (seed {seed}): the {name} part ({rows.Length} rows) has only "
                        + $"{(positives == 0 ? "negatives" : "positives")} of task '{task.Name}' (expected both classes in every part; "
                        + "use more rows or a larger share for that part)");
                }
            }
        }

        foreach (var attribute in Attributes)
        {
            var known = test.Where(r => attribute.Groups[r] >= 0).ToArray();
            var present = known.Select(r => attribute.Groups[r]).Distinct().Count();
            if (present < 2)
            {
                var which = known.Length == 0 ? "no known group" : $"a single group ({attribute.Names[attribute.Groups[known[0]]]})";
                throw new FairMtlException(
                    DiagnosticCodes.Groups,
                    _experiment.Source.Locate($"sensitive.{attribute.Name}"),
                    $"repetition {repetition} (seed {seed}): the {test.Length} test rows hold {which} of sensitive attribute "
                    + $"'{attribute.Name}'; fairness gaps need at least two groups");
            }
        }
    }

    private static float[] ReadLabels(LoadedComparison experiment, EncodedTable table, TaskSpec task, string path) =>
        BinaryLabels.Of(table.Parsed, experiment.Source, path, $"task '{task.Name}'", task.Column, task.Positive, task.Above)
            .Select(label => (float)label)
            .ToArray();

    private static SensitiveGroups ReadGroups(LoadedComparison experiment, EncodedTable table, SensitiveAttributeSpec attribute)
    {
        var path = $"sensitive.{attribute.Name}";
        var rows = RowGroups.Of(attribute.Groups, experiment.Source, path, table.Parsed, []);
        var (groups, names) = (rows.Groups, rows.Names);
        if (groups.Where(g => g >= 0).Distinct().Count() < 2)
        {
            throw new FairMtlException(
                DiagnosticCodes.Groups,
                experiment.Source.Locate(path),
                $"sensitive attribute '{attribute.Name}' puts every row of column '{attribute.Column}' into one group "
                + $"({(groups.Any(g => g >= 0) ? names[groups.First(g => g >= 0)] : "no known value")}); expected at least two groups");
        }

        return new SensitiveGroups(attribute.Name, groups, names);
    }

}
