using FairMtl.Diagnostics;
using FairMtl.Spec;

namespace FairMtl.Data;

/// <summary>Turns an experiment's data file into split, standardised, grouped parts.</summary>
public static class DataPreparation
{
    /// <summary>
    /// Reads the data file, splits the rows as scikit-learn's <c>train_test_split</c>, standardises inputs (and the
    /// heads that ask for it) with the training part's statistics, and assigns the test rows to the protected groups.
    /// </summary>
    /// <exception cref="FairMtlException">The data file or the spec's <c>data</c> section cannot be satisfied.</exception>
    public static PreparedData Prepare(LoadedExperiment experiment)
    {
        var spec = experiment.Spec;
        var file = DataFile.Load(experiment);
        ColumnReferences.Validate(experiment, file.ColumnNames, file.DisplayPath);
        var features = FeatureColumns.Resolve(spec, file.ColumnNames);
        if (features.Count == 0)
        {
            throw new FairMtlException(
                DiagnosticCodes.InvalidValue,
                experiment.Source.Locate("data.features"),
                $"no input columns are left in '{file.DisplayPath}' (expected at least one feature)");
        }

        var categorical = features.Where(f => spec.Data.Categorical.Contains(f)).ToHashSet(StringComparer.Ordinal);
        var numericFeatures = features.Where(f => !categorical.Contains(f)).ToArray();
        var groupIsText = spec.Data.Groups.Rule.ReadsText();
        var used = numericFeatures
            .Concat(spec.Heads.Where(h => h.Positive.Count == 0).Select(h => h.Column))
            .Concat(groupIsText ? [] : [spec.Data.Groups.Column])
            .ToArray();
        var text = categorical
            .Concat(spec.Heads.Where(h => h.Positive.Count > 0).Select(h => h.Column))
            .Concat(groupIsText ? [spec.Data.Groups.Column] : [])
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var table = file.Parse(used, text, numericFeatures);
        var split = RowSplit.Of(experiment, table.RowCount);
        var (groups, summary) = ProtectedGroups.Assign(experiment, table, split.Test);
        var headValues = HeadValues(experiment, table);
        var statisticsRows = spec.Data.Split.Statistics == StatisticsRows.Training ? split.Train : split.TrainPart;
        var encoded = FeatureEncoding.Encode(table, features, categorical, spec.Data, experiment.Source);
        var featureColumns = encoded.Columns;
        var featureScalings = featureColumns
            .Select((c, i) => spec.Data.Standardize && !encoded.IsIndicator[i] ? StandardScaling.Fit(c, statisticsRows) : HeadScaling.Identity)
            .ToArray();

        var headScalings = new OrderedDictionary<string, HeadScaling>(StringComparer.Ordinal);
        foreach (var head in spec.Heads)
        {
            headScalings[head.Name] = head.Standardize && head.Task == HeadTask.Regression
                ? StandardScaling.Fit(headValues[head.Name], statisticsRows)
                : HeadScaling.Identity;
        }

        DataPart Part(int[] rows) => BuildPart(spec, headValues, featureColumns, featureScalings, headScalings, rows);

        var testRaw = new OrderedDictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var head in spec.Heads)
        {
            var column = headValues[head.Name];
            testRaw[head.Name] = split.Test.Select(r => column[r]).ToArray();
        }

        return new PreparedData(
            encoded.Names,
            Part(split.Train),
            Part(split.Validation),
            Part(split.Test),
            headScalings,
            testRaw,
            groups,
            summary,
            new DataProvenance(table.DisplayPath, table.Sha256, table.RowCount, table.ColumnNames.Count) { Files = table.Files.ToArray() })
        {
            FeatureColumns = encoded.SourceColumns,
        };
    }

    /// <summary>Each head's target per row: the column's numbers, or for a binary head its labels (<see cref="BinaryLabels"/>).</summary>
    private static OrderedDictionary<string, double[]> HeadValues(LoadedExperiment experiment, DataTable table)
    {
        var values = new OrderedDictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var head in experiment.Spec.Heads)
        {
            values[head.Name] = head.Task == HeadTask.Binary
                ? BinaryLabels.Of(table, experiment.Source, $"heads.{head.Name}", $"head '{head.Name}' (task: binary)", head.Column, head.Positive, head.Above)
                : table.Column(head.Column);
        }

        return values;
    }

    private static DataPart BuildPart(
        ExperimentSpec spec,
        OrderedDictionary<string, double[]> headValues,
        double[][] featureColumns,
        HeadScaling[] featureScalings,
        OrderedDictionary<string, HeadScaling> headScalings,
        int[] rows)
    {
        var width = featureColumns.Length;
        var x = new float[rows.Length * width];
        for (var i = 0; i < rows.Length; i++)
        {
            for (var f = 0; f < width; f++)
            {
                var scaling = featureScalings[f];
                x[(i * width) + f] = (float)((featureColumns[f][rows[i]] - scaling.Mean) / scaling.Scale);
            }
        }

        var targets = new OrderedDictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var head in spec.Heads)
        {
            var column = headValues[head.Name];
            var scaling = headScalings[head.Name];
            targets[head.Name] = rows.Select(r => (float)((column[r] - scaling.Mean) / scaling.Scale)).ToArray();
        }

        return new DataPart(rows.Length, width, x, targets, rows.ToArray());
    }
}
