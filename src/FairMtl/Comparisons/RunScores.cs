using FairMtl.Evaluation.Classification;
using FairMtl.Numerics;
using FairMtl.Spec;

namespace FairMtl.Comparisons;

/// <summary>The metrics of one trained model on its repetition's test rows, in <see cref="MetricColumn.For"/> order.</summary>
public static class RunScores
{
    /// <summary>Per task: AUC and accuracy; per task and attribute: EOD (as <paramref name="eod"/> defines it), EOpD,
    /// FPR gap, GAUCD, DP gap.</summary>
    public static double[] Of(
        float[][] logits, RepetitionData data, IReadOnlyList<Spec.TaskSpec> tasks, IReadOnlyList<SensitiveGroups> attributes, Spec.EodDefinition eod = Spec.EodDefinition.Max)
    {
        var values = new List<double>();
        var test = data.Test;
        for (var t = 0; t < tasks.Count; t++)
        {
            var scores = Probabilities(logits[t]);
            var labels = test.Targets[tasks[t].Name];
            var threshold = data.Threshold(tasks[t], scores);
            values.Add(BinaryClassificationMetrics.Auc(scores, labels));
            values.Add(BinaryClassificationMetrics.Accuracy(scores, labels, threshold));
            foreach (var attribute in attributes)
            {
                var report = KnownGroupsReport(scores, labels, test.Groups![attribute.Name], attribute.Count, threshold);
                values.Add(eod == Spec.EodDefinition.Mean ? FairnessGaps.MeanOddsGap(report) : FairnessGaps.EOD(report));
                values.Add(FairnessGaps.EOpD(report));
                values.Add(FairnessGaps.FprGap(report));
                values.Add(FairnessGaps.GAUCD(report));
                values.Add(FairnessGaps.DemographicParityGap(report));
            }
        }

        return values.ToArray();
    }

    /// <summary>The sigmoid of each logit, in an array of the unit (<see cref="UnitBuffers"/>).</summary>
    public static double[] Probabilities(float[] logits)
    {
        var scores = UnitBuffers.Rent<double>(logits.Length);
        for (var r = 0; r < logits.Length; r++)
        {
            scores[r] = Objectives.TaskLoss.Sigmoid(logits[r]);
        }

        return scores;
    }

    /// <summary>The per-group report over the rows whose group is known (group -1: unknown, left out).</summary>
    public static GroupClassificationReport KnownGroupsReport(double[] scores, float[] labels, int[] groups, int groupCount, double threshold)
    {
        if (Array.TrueForAll(groups, g => g >= 0))
        {
            return GroupClassificationReport.Of(scores, labels, groups, groupCount, threshold);
        }

        var known = Enumerable.Range(0, groups.Length).Where(r => groups[r] >= 0).ToArray();
        return GroupClassificationReport.Of(
            known.Select(r => scores[r]).ToArray(), known.Select(r => labels[r]).ToArray(), known.Select(r => groups[r]).ToArray(), groupCount, threshold);
    }
}

/// <summary>A reported metric: its column name, the direction that is better, and whether it is a fairness gap.</summary>
/// <param name="Name">Column name, e.g. <c>AUC</c>, <c>EOD(sex)</c>.</param>
/// <param name="HigherIsBetter">AUC and accuracy: true; the gaps: false.</param>
/// <param name="Kind">The metric.</param>
/// <param name="Attribute">The attribute of a gap, or null.</param>
public sealed record MetricColumn(string Name, bool HigherIsBetter, string Kind, string? Attribute)
{
    /// <summary>The columns <see cref="RunScores.Of"/> fills, named with the task (when several) and the attribute
    /// (when several).</summary>
    public static IReadOnlyList<MetricColumn> For(IReadOnlyList<string> tasks, IReadOnlyList<string> attributes)
    {
        var columns = new List<MetricColumn>();
        foreach (var task in tasks)
        {
            string Name(string kind, string? attribute)
            {
                var qualifiers = new List<string>();
                if (tasks.Count > 1)
                {
                    qualifiers.Add(task);
                }

                if (attribute is not null && attributes.Count > 1)
                {
                    qualifiers.Add(attribute);
                }

                return qualifiers.Count == 0 ? kind : $"{kind}({string.Join(",", qualifiers)})";
            }

            columns.Add(new MetricColumn(Name(Auc, null), true, Auc, null));
            columns.Add(new MetricColumn(Name(Accuracy, null), true, Accuracy, null));
            foreach (var attribute in attributes)
            {
                foreach (var kind in GapKinds)
                {
                    columns.Add(new MetricColumn(Name(kind, attribute), false, kind, attribute));
                }
            }
        }

        return columns;
    }

    /// <summary>
    /// The indices of the <paramref name="columns"/> that the mean rank and Delta_m% summarise: those whose kind is in
    /// <paramref name="ranking"/>, in column order; every column when <paramref name="ranking"/> is empty.
    /// </summary>
    public static int[] Ranked(IReadOnlyList<MetricColumn> columns, EquatableArray<TableMetric> ranking)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var kinds = ranking.Select(KindOf).ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(0, columns.Count).Where(c => kinds.Count == 0 || kinds.Contains(columns[c].Kind)).ToArray();
    }

    /// <summary>The column kind of a <see cref="TableMetric"/>.</summary>
    public static string KindOf(TableMetric metric) => metric switch
    {
        TableMetric.Auc => Auc,
        TableMetric.Accuracy => Accuracy,
        TableMetric.Eod => Eod,
        TableMetric.Eopd => Eopd,
        TableMetric.FprGap => FprGap,
        TableMetric.Gaucd => Gaucd,
        _ => DpGap,
    };

    /// <summary>The area under the ROC curve.</summary>
    public const string Auc = "AUC";

    /// <summary>Accuracy at the task's threshold.</summary>
    public const string Accuracy = "Acc";

    /// <summary>Equalized-odds difference.</summary>
    public const string Eod = "EOD";

    /// <summary>Equal-opportunity difference.</summary>
    public const string Eopd = "EOpD";

    /// <summary>False-positive-rate gap.</summary>
    public const string FprGap = "FPRgap";

    /// <summary>Group AUC difference.</summary>
    public const string Gaucd = "GAUCD";

    /// <summary>Demographic-parity gap.</summary>
    public const string DpGap = "DPgap";

    /// <summary>The gaps, in column order.</summary>
    public static readonly string[] GapKinds = [Eod, Eopd, FprGap, Gaucd, DpGap];
}
